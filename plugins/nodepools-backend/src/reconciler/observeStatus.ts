import {
  limitsReached,
  NODEPOOLS_ANNOTATIONS,
  NODEPOOLS_LABELS,
  type PoolPhase,
  type PoolStatus,
} from '@nodepools/plugin-nodepools-common';
import { isDeepStrictEqual } from 'node:util';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { ClusterSnapshot } from './ClusterSnapshot';
import type { KubeObject } from './KubeObject';
import { isOwned } from './ownership';
import { readConditions, readNodeClaim } from './readNodeClaim';
import type { ReconcileContext } from './ReconcileContext';

/** The conditions Karpenter reports on a NodePool that the portal shows. */
const CONDITIONS = [
  'Ready',
  'ValidationSucceeded',
  'NodeClassReady',
  'NodeRegistrationHealthy',
];

/**
 * Copies each owned NodePool's status (conditions, node count, provisioned resources, its
 * NodeClaims, limits reached) onto its pool, and derives the phase from Ready: read conditions,
 * don't assume, since Karpenter accepts some invalid specs and reports them only as
 * ValidationSucceeded=False. A change is one history event; the same status again writes nothing.
 * Returns the number of pools whose status changed.
 */
export async function observeStatus(
  ctx: ReconcileContext,
  pools: VersionedPool[],
  snapshot: Pick<ClusterSnapshot, 'nodePools' | 'nodeClaims'>,
): Promise<number> {
  const byPoolId = new Map(
    [...snapshot.nodePools.values()]
      .filter(isOwned)
      .map(o => [o.metadata.labels?.[NODEPOOLS_LABELS.poolId], o]),
  );
  let changed = 0;
  for (const pool of pools) {
    if (pool.phase === 'decommissioning' || pool.phase === 'removed') continue;
    const live = byPoolId.get(pool.id);
    if (!live) continue;
    const claims = snapshot.nodeClaims.get(live.metadata.name) ?? [];
    const status = readStatus(live, claims, pool, ctx.now());
    const phase = phaseOf(status);
    const { observedAt: _a, ...before } = pool.status ?? { observedAt: '' };
    const { observedAt: _b, ...after } = status;
    if (isDeepStrictEqual(before, after) && pool.phase === phase) continue;
    const now = ctx.now();
    const written = await ctx.store.transaction(async tx => {
      if (
        !(await tx.updatePool(pool.id, pool.version, {
          status,
          phase,
          updatedAt: now,
        }))
      )
        return false;
      await tx.appendEvent(
        {
          poolId: pool.id,
          type: 'pool.status-changed',
          message: describe(status, phase),
          data: { phase, status },
        },
        now,
      );
      return true;
    });
    if (written) changed += 1;
  }
  return changed;
}

/**
 * The pool's status as read. `observedGeneration` is the portal's generation the object carries
 * (our annotation), so the UI can tell "approved but not yet in the cluster" from "in the cluster".
 */
function readStatus(
  live: KubeObject,
  claims: KubeObject[],
  pool: VersionedPool,
  observedAt: string,
): PoolStatus {
  const raw = (live.status ?? {}) as {
    nodes?: number;
    resources?: Record<string, string>;
  };
  const generation = Number(
    live.metadata.annotations?.[NODEPOOLS_ANNOTATIONS.generation],
  );
  const nodeClaims = claims
    .map(readNodeClaim)
    .sort((a, b) => a.name.localeCompare(b.name));
  const reached = limitsReached(pool.spec.limits, raw.resources);
  return {
    ...(Number.isInteger(generation) ? { observedGeneration: generation } : {}),
    conditions: readConditions(live.status, CONDITIONS),
    // Karpenter's own count when it has one; otherwise its NodeClaims labelled with the pool.
    ...(raw.nodes !== undefined || nodeClaims.length > 0
      ? { nodes: raw.nodes ?? nodeClaims.length }
      : {}),
    ...(raw.resources ? { provisioned: { ...raw.resources } } : {}),
    ...(nodeClaims.length > 0 ? { nodeClaims } : {}),
    ...(reached.length > 0 ? { limitsReached: reached } : {}),
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
  const limits = status.limitsReached?.length
    ? `; at its ${status.limitsReached.join(' and ')} limit`
    : '';
  return `NodePool is ${phase}${why}; ${status.nodes ?? 0} node(s)${limits}`;
}
