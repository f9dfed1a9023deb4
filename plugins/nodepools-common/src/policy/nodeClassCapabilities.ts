import type { PoolSpec } from '../model/PoolSpec';
import type { ClusterPolicy } from './ClusterPolicy';
import type { PolicyViolation } from './policyViolation';

/** The node class group whose instance types carry the `karpenter.k8s.aws/instance-*` labels. */
export const AWS_NODE_CLASS_GROUP = 'karpenter.k8s.aws';

/**
 * Whether this cluster's NodePools can select on instance category, generation and size. Only
 * the AWS provider labels its instance types with them; elsewhere (kwok) a requirement on them
 * would match no instance type, so the rendering leaves them out.
 */
export function selectsOnInstanceLabels(
  policy: Pick<ClusterPolicy, 'nodeClassRef'>,
): boolean {
  return policy.nodeClassRef.group === AWS_NODE_CLASS_GROUP;
}

/** The request fields that become `karpenter.k8s.aws/instance-*` requirements, in the form's words. */
const INSTANCE_LABEL_FIELDS = [
  ['instanceCategories', 'Instance categories', 'instance-category'],
  [
    'minInstanceGeneration',
    'A minimum instance generation',
    'instance-generation',
  ],
  ['instanceSizes', 'Instance sizes', 'instance-size'],
  ['excludedInstanceSizes', 'Excluded instance sizes', 'instance-size'],
] as const;

/**
 * One violation per requirement the cluster's node class cannot honour, so a request never has
 * a requirement dropped silently from its NodePool: the requester is told to leave it out.
 */
export function unhonouredRequirementViolations(
  spec: PoolSpec,
  policy: Pick<ClusterPolicy, 'nodeClassRef'>,
): PolicyViolation[] {
  if (selectsOnInstanceLabels(policy)) return [];
  const { group, kind } = policy.nodeClassRef;
  return INSTANCE_LABEL_FIELDS.flatMap(([field, what, label]) => {
    const asked = spec.requirements[field];
    if (asked === undefined) return [];
    return [
      {
        path: `spec.requirements.${field}`,
        message: `${what} cannot be honoured on this cluster: its node class ${kind} (${group}) has no karpenter.k8s.aws/${label} label to select on; leave it out`,
        asked: Array.isArray(asked) ? asked.join(', ') : String(asked),
        allowed: 'none',
      },
    ];
  });
}
