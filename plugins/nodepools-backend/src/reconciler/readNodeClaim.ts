import type {
  PoolCondition,
  PoolNodeClaim,
} from '@nodepools/plugin-nodepools-common';
import type { KubeObject } from './KubeObject';

/** Well-known labels Karpenter sets on a NodeClaim once it knows the instance. */
const INSTANCE_TYPE = 'node.kubernetes.io/instance-type';
const CAPACITY_TYPE = 'karpenter.sh/capacity-type';
const ZONE = 'topology.kubernetes.io/zone';

/** client-node turns timestamps into Dates; a raw answer has strings. */
const isoTime = (value: unknown): string | undefined => {
  if (value === undefined || value === null || value === '') return undefined;
  const date = new Date(value as string | Date);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

/** The conditions of a NodePool or NodeClaim, in a stable order and with stable timestamps. */
export function readConditions(
  status: { conditions?: unknown } | undefined,
  only?: string[],
): PoolCondition[] {
  const raw = Array.isArray(status?.conditions) ? status!.conditions : [];
  return (raw as Array<Record<string, unknown>>)
    .filter(c => typeof c?.type === 'string')
    .filter(c => !only || only.includes(c.type as string))
    .map(c => {
      const time = isoTime(c.lastTransitionTime);
      return {
        type: c.type as string,
        status: (c.status as PoolCondition['status']) ?? 'Unknown',
        ...(typeof c.reason === 'string' && c.reason
          ? { reason: c.reason }
          : {}),
        ...(typeof c.message === 'string' && c.message
          ? { message: c.message }
          : {}),
        ...(time ? { lastTransitionTime: time } : {}),
      };
    })
    .sort((a, b) => a.type.localeCompare(b.type));
}

/** One NodeClaim as the pool's status shows it. */
export function readNodeClaim(claim: KubeObject): PoolNodeClaim {
  const labels = claim.metadata.labels ?? {};
  const status = (claim.status ?? {}) as {
    nodeName?: unknown;
    capacity?: Record<string, string>;
  };
  const createdAt = isoTime(
    (claim.metadata as { creationTimestamp?: unknown }).creationTimestamp,
  );
  return {
    name: claim.metadata.name,
    ...(typeof status.nodeName === 'string' && status.nodeName
      ? { nodeName: status.nodeName }
      : {}),
    ...(labels[INSTANCE_TYPE] ? { instanceType: labels[INSTANCE_TYPE] } : {}),
    ...(labels[CAPACITY_TYPE] ? { capacityType: labels[CAPACITY_TYPE] } : {}),
    ...(labels[ZONE] ? { zone: labels[ZONE] } : {}),
    ...(status.capacity ? { capacity: { ...status.capacity } } : {}),
    conditions: readConditions(claim.status),
    ...(createdAt ? { createdAt } : {}),
    ...(claim.metadata.deletionTimestamp ? { deleting: true } : {}),
  };
}
