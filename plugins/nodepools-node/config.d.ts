export interface Config {
  /** Self-service Karpenter NodePools. */
  nodepools?: {
    /** The catalog Group that owns the clusters and approves by default. */
    platformOwner?: string;
    /** The clusters pools can be requested on. */
    clusters?: Array<{
      /** Short name (a DNS label), used in requests and URLs. */
      name: string;
      /** Display name. */
      title?: string;
      description?: string;
      /** The cluster's API server URL. */
      url?: string;
      /** Base64 PEM of the API server's CA. */
      caData?: string;
      /** How the reconciler authenticates. */
      auth?: {
        type: 'serviceAccount';
        /** @visibility secret */
        token: string;
      };
      /**
       * What the platform allows on this cluster; every value has a default. See the README's
       * configuration reference.
       */
      policy?: { [key: string]: unknown };
    }>;
  };
}
