export interface Config {
  /** Self-service Karpenter NodePools. */
  nodepools?: {
    /** The catalog Group that owns the clusters and approves by default. */
    platformOwner?: string;
    /** Seconds between periodic reconciles of each cluster (default 30); approvals and watch events trigger one at once. */
    reconcileIntervalSeconds?: number;
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
      auth?:
        | {
            type: 'serviceAccount';
            /** @visibility secret */
            token: string;
          }
        | {
            /** AWS IAM on EKS, with the backend's AWS credentials (aws integration config or the default chain). */
            type: 'aws';
            /** EKS cluster name the token is for; defaults to `name`. */
            clusterId?: string;
            /** A role to assume first. */
            assumeRole?: string;
            externalId?: string;
            /** Pick the credentials of this account from the aws integration config. */
            accountId?: string;
          };
      /**
       * What the platform allows on this cluster; every value has a default. See the README's
       * configuration reference.
       */
      policy?: { [key: string]: unknown };
    }>;
  };
}
