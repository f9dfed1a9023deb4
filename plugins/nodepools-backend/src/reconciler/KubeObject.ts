/** One managedFields entry: which manager owns which fields, and how it wrote them. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  /** client-node turns timestamps into Dates; a raw answer has strings. */
  time?: string | Date;
  fieldsV1?: Record<string, unknown>;
}

/** The parts of a Kubernetes object the reconciler reads; the rest passes through untyped. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: ManagedFieldsEntry[];
    deletionTimestamp?: string | Date;
  };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
}
