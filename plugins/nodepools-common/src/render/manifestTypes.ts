/** The shapes of the Kubernetes objects the suite renders: only the fields it writes. */

/** A node selector requirement (`kubernetes.io/arch In [amd64]`). */
export interface NodeSelectorRequirement {
  key: string;
  operator:
    | 'In'
    | 'NotIn'
    | 'Exists'
    | 'DoesNotExist'
    | 'Gt'
    | 'Lt'
    | 'Gte'
    | 'Lte';
  values?: string[];
  minValues?: number;
}

/** A taint. */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Object metadata the suite sets. */
export interface ManifestMetadata {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** A `karpenter.sh/v1` NodePool as rendered. */
export interface NodePoolManifest {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodePool';
  metadata: ManifestMetadata;
  spec: {
    template: {
      metadata: { labels: Record<string, string> };
      spec: {
        requirements: NodeSelectorRequirement[];
        nodeClassRef: { group: string; kind: string; name: string };
        taints: Taint[];
        startupTaints?: Taint[];
        expireAfter: string;
        terminationGracePeriod?: string;
      };
    };
    disruption: {
      consolidationPolicy: string;
      consolidateAfter: string;
      budgets?: Array<{
        nodes: string;
        schedule?: string;
        duration?: string;
        reasons?: string[];
      }>;
    };
    limits: Record<string, string>;
    weight?: number;
  };
}

/** Any manifest the suite applies. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: ManifestMetadata;
  [field: string]: unknown;
}
