/** The minimum of an object needed to find its REST path. */
export interface ObjectReference {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [field: string]: unknown;
  };
}

/**
 * Plural resource names of the kinds this package and its tests touch. A table instead of API
 * discovery: discovery costs a round trip per group and these names never change.
 */
const KINDS: Record<string, { plural: string; namespaced: boolean }> = {
  CustomResourceDefinition: {
    plural: 'customresourcedefinitions',
    namespaced: false,
  },
  Namespace: { plural: 'namespaces', namespaced: false },
  ClusterRole: { plural: 'clusterroles', namespaced: false },
  ClusterRoleBinding: { plural: 'clusterrolebindings', namespaced: false },
  Role: { plural: 'roles', namespaced: true },
  RoleBinding: { plural: 'rolebindings', namespaced: true },
  Pod: { plural: 'pods', namespaced: true },
  ConfigMap: { plural: 'configmaps', namespaced: true },
  ValidatingAdmissionPolicy: {
    plural: 'validatingadmissionpolicies',
    namespaced: false,
  },
  ValidatingAdmissionPolicyBinding: {
    plural: 'validatingadmissionpolicybindings',
    namespaced: false,
  },
  NodePool: { plural: 'nodepools', namespaced: false },
  NodeClaim: { plural: 'nodeclaims', namespaced: false },
  EC2NodeClass: { plural: 'ec2nodeclasses', namespaced: false },
  KWOKNodeClass: { plural: 'kwoknodeclasses', namespaced: false },
  Node: { plural: 'nodes', namespaced: false },
  Deployment: { plural: 'deployments', namespaced: true },
  ReplicaSet: { plural: 'replicasets', namespaced: true },
  ServiceAccount: { plural: 'serviceaccounts', namespaced: true },
  Event: { plural: 'events', namespaced: true },
};

/**
 * REST path of a kind's collection (without `name`) or of one object. Throws for unknown kinds
 * so a typo fails loudly instead of hitting a 404 later.
 */
export function resourcePath(
  apiVersion: string,
  kind: string,
  options: { name?: string; namespace?: string } = {},
): string {
  const known = KINDS[kind];
  if (!known)
    throw new Error(`resourcePath: unknown kind ${kind}; add it to the table`);
  const base = apiVersion.includes('/')
    ? `/apis/${apiVersion}`
    : `/api/${apiVersion}`;
  let path = base;
  if (known.namespaced) {
    if (!options.namespace)
      throw new Error(`${kind} is namespaced: give a namespace`);
    path += `/namespaces/${encodeURIComponent(options.namespace)}`;
  }
  path += `/${known.plural}`;
  if (options.name) path += `/${encodeURIComponent(options.name)}`;
  return path;
}

/** Any Kubernetes object: its reference plus whatever else it carries. */
export type KubeObject = ObjectReference & { [field: string]: unknown };

/** REST path of one object. */
export function objectPath(object: ObjectReference): string {
  return resourcePath(object.apiVersion, object.kind, object.metadata);
}
