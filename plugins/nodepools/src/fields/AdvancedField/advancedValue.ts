import {
  selectsOnInstanceLabels,
  type DisruptionBudget,
  type PoolSpec,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterPolicySummary } from '../../api/types';

/** The policy as `GET /clusters` sends it; the advanced fields are absent from older backends. */
export type AdvancedPolicy = ClusterPolicySummary;

/**
 * `ui:field: NodePoolAdvanced`'s value: the advanced parts of the spec, each key as the
 * template's step maps it (`parameters.advanced.<key>`). A key left out takes the cluster's default.
 */
export interface AdvancedValue {
  instanceCategories?: string[];
  /**
   * Sizes the pool is limited to (`In`): not offered by the form, but a change carries it over
   * from the pool's spec when it was set through the API.
   */
  instanceSizes?: string[];
  minInstanceGeneration?: number;
  excludedInstanceSizes?: string[];
  zones?: string[];
  gpu?: string;
  consolidationPolicy?: string;
  consolidateAfter?: string;
  expireAfter?: string;
  terminationGracePeriod?: string;
  weight?: number;
  budgets?: DisruptionBudget[];
}

/** Whether the cluster's node class can select on instance category, generation and size. */
export function honoursInstanceLabels(policy: AdvancedPolicy): boolean {
  // A backend that does not say is an AWS one: the policy's default node class kind.
  return selectsOnInstanceLabels({
    nodeClassRef: policy.nodeClassRef ?? {
      group: 'karpenter.k8s.aws',
      kind: 'EC2NodeClass',
    },
  });
}

/** Whether the cluster grants GPUs at all: a GPU limit is offered only then. */
export function offersGpus(policy: AdvancedPolicy): boolean {
  const gpu = policy.maxPoolLimits.gpu;
  return gpu !== undefined && !/^0+(\.0*)?$/.test(String(gpu));
}

/** Drops the keys whose value is undefined or an empty list: the template then leaves them out. */
export function compactAdvanced(value: AdvancedValue): AdvancedValue {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as AdvancedValue;
}

/**
 * Where the form starts: the pool's current spec for a change (so filing it changes only what the
 * user changes), otherwise the cluster's defaults. Only what the cluster's node class can honour.
 */
export function advancedStart(
  policy: AdvancedPolicy,
  current?: PoolSpec,
): AdvancedValue {
  const instances = honoursInstanceLabels(policy);
  if (current) {
    const r = current.requirements;
    return compactAdvanced({
      ...(instances
        ? {
            instanceCategories: r.instanceCategories,
            minInstanceGeneration: r.minInstanceGeneration,
            instanceSizes: r.instanceSizes,
            excludedInstanceSizes: r.excludedInstanceSizes,
          }
        : {}),
      zones: r.zones,
      gpu: current.limits.gpu,
      consolidationPolicy: current.disruption?.consolidationPolicy,
      consolidateAfter: current.disruption?.consolidateAfter,
      budgets: current.disruption?.budgets,
      expireAfter: current.expireAfter,
      terminationGracePeriod: current.terminationGracePeriod,
      weight: current.weight,
    });
  }
  const d = policy.defaults ?? {};
  return compactAdvanced({
    ...(instances
      ? {
          instanceCategories: policy.instanceCategories,
          minInstanceGeneration: policy.minInstanceGeneration,
          excludedInstanceSizes: d.excludedInstanceSizes,
        }
      : {}),
    consolidationPolicy: d.consolidationPolicy,
    consolidateAfter: d.consolidateAfter,
    expireAfter: d.expireAfter,
    terminationGracePeriod: d.terminationGracePeriod,
    weight: d.weight,
    budgets: d.budgets,
  });
}

/** The parts of the spec the value sets, as the template's step maps them. */
export function specPartsOf(value: AdvancedValue | undefined): {
  requirements: Partial<PoolSpec['requirements']>;
  gpu?: string;
  rest: Partial<
    Pick<PoolSpec, 'expireAfter' | 'terminationGracePeriod' | 'weight'>
  > & {
    disruption?: PoolSpec['disruption'];
  };
} {
  const v = compactAdvanced(value ?? {});
  const disruption = compactAdvanced({
    consolidationPolicy: v.consolidationPolicy,
    consolidateAfter: v.consolidateAfter,
    budgets: v.budgets,
  }) as PoolSpec['disruption'];
  return {
    requirements: compactAdvanced({
      instanceCategories: v.instanceCategories,
      minInstanceGeneration: v.minInstanceGeneration,
      instanceSizes: v.instanceSizes,
      excludedInstanceSizes: v.excludedInstanceSizes,
      zones: v.zones,
    }) as Partial<PoolSpec['requirements']>,
    gpu: v.gpu,
    rest: compactAdvanced({
      expireAfter: v.expireAfter,
      terminationGracePeriod: v.terminationGracePeriod,
      weight: v.weight,
      ...(Object.keys(disruption ?? {}).length ? { disruption } : {}),
    } as AdvancedValue) as Partial<PoolSpec>,
  };
}

/** A comma- or space-separated list as typed, without empties or repeats. */
export function parseList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}
