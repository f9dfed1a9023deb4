import {
  MANAGED_BY,
  NODEPOOLS_ANNOTATIONS,
  NODEPOOLS_LABELS,
  type PoolCondition,
  type PoolPhase,
  type PoolStatus,
} from '@nodepools/plugin-nodepools-common';
import { isDeepStrictEqual } from 'node:util';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { KubeObject } from './KubeObject';
import type { ReconcileContext } from './ReconcileContext';

/** The label Karpenter puts on every NodeClaim: the name of its NodePool. */
const NODEPOOL_LABEL = 'karpenter.sh/nodepool';

/** The conditions Karpenter reports on a NodePool that the portal shows. */
const CONDITIONS = [
  'Ready',
  'ValidationSucceeded',
  'NodeClassReady',
  'NodeRegistrationHealthy',
];

/**
 * Copies each owned NodePool's status (conditions, node count, provisioned resources) onto its
 * pool, and derives the phase from Ready: read conditions, don't assume, since Karpenter accepts
 * some invalid specs and reports them only as ValidationSucceeded=False. A change is one history
 * event; the same status again writes nothing.
 */
export async function observeStatus(
  ctx: ReconcileContext,
  pools: VersionedPool[],
): Promise<void> {
  const objects = await ctx.client.list(
    'karpenter.sh/v1',
    'NodePool',
    `${NODEPOOLS_LABELS.managedBy}=${MANAGED_BY}`,
  );
  // Karpenter labels each NodeClaim with its NodePool: the node count when status.nodes is absent.
  const claims = await ctx.client.list(
    'karpenter.sh/v1',
    'NodeClaim',
    NODEPOOL_LABEL,
  );
  const claimCount = new Map<string, number>();
  for (const claim of claims) {
    const owner = claim.metadata.labels?.[NODEPOOL_LABEL];
    if (owner) claimCount.set(owner, (claimCount.get(owner) ?? 0) + 1);
  }
  const byPoolId = new Map(
    objects.map(o => [o.metadata.labels?.[NODEPOOLS_LABELS.poolId], o]),
  );
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    const live = byPoolId.get(pool.id);
    if (!live) continue;
    const status = readStatus(
      live,
      claimCount.get(live.metadata.name) ?? 0,
      ctx.now(),
    );
    const phase = phaseOf(status);
    const { observedAt: _a, ...before } = pool.status ?? { observedAt: '' };
    const { observedAt: _b, ...after } = status;
    if (isDeepStrictEqual(before, after) && pool.phase === phase) continue;
    const now = ctx.now();
    await ctx.store.transaction(async tx => {
      if (
        !(await tx.updatePool(pool.id, pool.version, {
          status,
          phase,
          updatedAt: now,
        }))
      )
        return;
      await tx.appendEvent(
        {
          poolId: pool.id,
          type: 'pool.status-changed',
          message: describe(status, phase),
          data: { phase, status },
        },
        now,
      );
    });
  }
}

/**
 * The pool's status as read. `observedGeneration` is the portal's generation the object carries
 * (our annotation), so the UI can tell "approved but not yet in the cluster" from "in the cluster".
 */
function readStatus(
  live: KubeObject,
  nodeClaims: number,
  observedAt: string,
): PoolStatus {
  const raw = (live.status ?? {}) as {
    conditions?: PoolCondition[];
    nodes?: number;
    resources?: Record<string, string>;
  };
  const generation = Number(
    live.metadata.annotations?.[NODEPOOLS_ANNOTATIONS.generation],
  );
  const conditions = (raw.conditions ?? [])
    .filter(c => CONDITIONS.includes(c.type))
    .map(({ type, status, reason, message, lastTransitionTime }) => ({
      type,
      status,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      ...(lastTransitionTime ? { lastTransitionTime } : {}),
    }))
    .sort((a, b) => a.type.localeCompare(b.type));
  return {
    ...(Number.isInteger(generation) ? { observedGeneration: generation } : {}),
    conditions,
    ...(raw.nodes !== undefined || nodeClaims > 0
      ? { nodes: raw.nodes ?? nodeClaims }
      : {}),
    ...(raw.resources ? { provisioned: { ...raw.resources } } : {}),
    observedAt,
  };
}

function phaseOf(status: PoolStatus): PoolPhase {
  const ready = status.conditions.find(c => c.type === 'Ready');
  if (ready?.status === 'True') return 'ready';
  if (ready?.status === 'False') return 'degraded';
  return 'provisioning';
}

function describe(status: PoolStatus, phase: PoolPhase): string {
  const ready = status.conditions.find(c => c.type === 'Ready');
  const why = ready?.reason ? ` (${ready.reason})` : '';
  return `NodePool is ${phase}${why}; ${status.nodes ?? 0} node(s)`;
}
