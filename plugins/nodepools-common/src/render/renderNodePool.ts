import type { PoolRecord } from '../api/records';
import type { ClusterPolicy } from '../policy/ClusterPolicy';
import { selectsOnInstanceLabels } from '../policy/nodeClassCapabilities';
import {
  MANAGED_BY,
  NODEPOOLS_ANNOTATIONS,
  NODEPOOLS_LABELS,
  nodePoolName,
} from '../model/names';
import { teamSlug } from '../model/PoolRequest';
import type { PoolSpec } from '../model/PoolSpec';
import type {
  NodePoolManifest,
  NodeSelectorRequirement,
} from './manifestTypes';

/** The identity of an approved pool, as the backend stores it. */
export interface PoolIdentity {
  /** The pool's id in the database. */
  id: string;
  /** The owning catalog Group, `group:<namespace>/<name>`. */
  owner: string;
  /** The pool's short name within the team. */
  name: string;
  /** How many times its spec has been approved; goes up on every approved update. */
  generation: number;
  /** The request whose approval produced this spec, if any. */
  requestId?: string;
}

const sorted = (values: readonly string[]) => [...values].sort();

/** The requirement list, in the order the Karpenter guide writes it, each value list sorted for stable output. */
function renderRequirements(
  spec: PoolSpec,
  policy: ClusterPolicy,
): NodeSelectorRequirement[] {
  const r = spec.requirements;
  // Elsewhere the policy refuses requests naming them (see nodeClassCapabilities).
  const aws = selectsOnInstanceLabels(policy);
  const excludedSizes =
    r.excludedInstanceSizes ?? policy.defaults.excludedInstanceSizes;
  const out: NodeSelectorRequirement[] = [
    {
      key: 'kubernetes.io/arch',
      operator: 'In',
      values: sorted(r.architectures),
    },
    {
      key: 'kubernetes.io/os',
      operator: 'In',
      values: [policy.defaults.operatingSystem],
    },
    {
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: sorted(r.capacityTypes),
    },
  ];
  // A request that names no categories still gets only the policy's; an empty policy list means
  // the provider has no categories (kwok), so there is nothing to constrain.
  const categories = r.instanceCategories ?? policy.instanceCategories;
  if (aws && categories.length > 0) {
    out.push({
      key: 'karpenter.k8s.aws/instance-category',
      operator: 'In',
      values: sorted(categories),
    });
  }
  const minGeneration = r.minInstanceGeneration ?? policy.minInstanceGeneration;
  if (aws && minGeneration !== undefined && minGeneration > 1) {
    // Karpenter compares with Gt, so "generation 6 or newer" is "greater than 5".
    out.push({
      key: 'karpenter.k8s.aws/instance-generation',
      operator: 'Gt',
      values: [String(minGeneration - 1)],
    });
  }
  if (aws && r.instanceSizes) {
    out.push({
      key: 'karpenter.k8s.aws/instance-size',
      operator: 'In',
      values: sorted(r.instanceSizes),
    });
  } else if (aws && excludedSizes.length > 0) {
    out.push({
      key: 'karpenter.k8s.aws/instance-size',
      operator: 'NotIn',
      values: [...excludedSizes],
    });
  }
  if (r.zones) {
    out.push({
      key: 'topology.kubernetes.io/zone',
      operator: 'In',
      values: sorted(r.zones),
    });
  }
  return out;
}

/**
 * The `karpenter.sh/v1` NodePool for an approved pool: tainted and labelled for its team, limits
 * always set (GPUs at 0 unless granted), requirements always within the cluster policy, owned by
 * the suite. Same input, same object (and so the same YAML bytes).
 */
export function renderNodePool(
  pool: PoolIdentity,
  spec: PoolSpec,
  policy: ClusterPolicy,
): NodePoolManifest {
  const team = teamSlug(pool.owner);
  const disruption = spec.disruption ?? {};
  const budgets = disruption.budgets ?? policy.defaults.budgets;
  const expireAfter = spec.expireAfter ?? policy.defaults.expireAfter;
  const terminationGracePeriod =
    spec.terminationGracePeriod ?? policy.defaults.terminationGracePeriod;
  const weight = spec.weight ?? policy.defaults.weight;

  // GPUs only when granted: without a GPU limit Karpenter would launch GPU instance types freely.
  const limits: Record<string, string> = {
    cpu: spec.limits.cpu,
    memory: spec.limits.memory,
    'nvidia.com/gpu': spec.limits.gpu ?? '0',
  };

  const annotations: Record<string, string> = {
    [NODEPOOLS_ANNOTATIONS.owner]: pool.owner,
    [NODEPOOLS_ANNOTATIONS.generation]: String(pool.generation),
  };
  if (pool.requestId)
    annotations[NODEPOOLS_ANNOTATIONS.requestId] = pool.requestId;

  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: {
      name: nodePoolName(team, pool.name),
      labels: {
        [NODEPOOLS_LABELS.managedBy]: MANAGED_BY,
        [NODEPOOLS_LABELS.team]: team,
        [NODEPOOLS_LABELS.pool]: pool.name,
        [NODEPOOLS_LABELS.poolId]: pool.id,
      },
      annotations,
    },
    spec: {
      template: {
        metadata: { labels: { [policy.teamLabelKey]: team } },
        spec: {
          requirements: renderRequirements(spec, policy),
          nodeClassRef: {
            group: policy.nodeClassRef.group,
            kind: policy.nodeClassRef.kind,
            name: spec.nodeClass,
          },
          taints: [{ key: policy.taintKey, value: team, effect: 'NoSchedule' }],
          expireAfter,
          ...(terminationGracePeriod ? { terminationGracePeriod } : {}),
        },
      },
      disruption: {
        consolidationPolicy:
          disruption.consolidationPolicy ?? policy.defaults.consolidationPolicy,
        consolidateAfter:
          disruption.consolidateAfter ?? policy.defaults.consolidateAfter,
        ...(budgets ? { budgets: budgets.map(b => ({ ...b })) } : {}),
      },
      limits,
      ...(weight !== undefined ? { weight } : {}),
    },
  };
}

/** A stored pool as its approved spec renders today: what the reconciler applies, the preview diffs, the budget prices. */
export function renderApprovedPool(
  pool: Pick<
    PoolRecord,
    'id' | 'owner' | 'name' | 'generation' | 'approvedRequestId' | 'spec'
  >,
  policy: ClusterPolicy,
): NodePoolManifest {
  return renderNodePool(
    {
      id: pool.id,
      owner: pool.owner,
      name: pool.name,
      generation: pool.generation,
      requestId: pool.approvedRequestId,
    },
    pool.spec,
    policy,
  );
}
