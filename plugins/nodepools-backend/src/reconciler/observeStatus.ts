import {
  limitsReached,
  nodePoolName,
  teamSlug,
  requestsExceedLimits,
  NODEPOOLS_ANNOTATIONS,
  NODEPOOLS_LABELS,
  type LaunchBlockedByLimits,
  type PoolPhase,
  type PoolStatus,
} from '@nodepools/plugin-nodepools-common';
import { isDeepStrictEqual } from 'node:util';
import type { VersionedPool } from '../database/NodePoolsStore';
import type { PoolObjects } from './ClusterSnapshot';
import type { KubeObject } from './KubeObject';
import { FIELD_MANAGER, isOwned } from './ownership';
import { readLimitBlocks } from './readLimitBlocks';
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
  snapshot: PoolObjects,
): Promise<number> {
  const ownedPools = new Map(
    pools.map(p => [nodePoolName(teamSlug(p.owner), p.name), p]),
  );
  const blocked = readLimitBlocks(snapshot.schedulingEvents, {
    now: ctx.now(),
    changedAt: name => lastAppliedAt(snapshot.nodePools.get(name)),
    heldByLimits: (name, requests) => {
      const pool = ownedPools.get(name);
      const provisioned = snapshot.nodePools.get(name)?.status?.resources as
        | Record<string, string>
        | undefined;
      return (
        !!pool && requestsExceedLimits(pool.spec.limits, provisioned, requests)
      );
    },
  });
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
    const status = readStatus(
      live,
      claims,
      pool,
      blocked.get(live.metadata.name),
      ctx.now(),
    );
    const phase = phaseOf(status);
    const { observedAt: _a, ...before } = pool.status ?? { observedAt: '' };
    const { observedAt: _b, ...after } = status;
    if (isDeepStrictEqual(before, after) && pool.phase === phase) continue;
    const written = await ctx.store.recordChange(
      {
        pool: { id: pool.id, version: pool.version, patch: { status, phase } },
        events: [
          {
            poolId: pool.id,
            type: 'pool.status-changed',
            message: describe(status, phase),
            data: { phase, status },
          },
        ],
      },
      ctx.now(),
    );
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
  launchBlockedByLimits: LaunchBlockedByLimits | undefined,
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
    ...(launchBlockedByLimits ? { launchBlockedByLimits } : {}),
    observedAt,
  };
}

/** When our field manager last applied the object (its managedFields entry). */
function lastAppliedAt(live: KubeObject | undefined): number | undefined {
  const entry = live?.metadata.managedFields?.find(
    f => f.manager === FIELD_MANAGER && f.operation === 'Apply',
  );
  return entry?.time ? new Date(entry.time).getTime() : undefined;
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
  let limits = status.limitsReached?.length
    ? `; at its ${status.limitsReached.join(' and ')} limit`
    : '';
  const blocked = status.launchBlockedByLimits;
  if (blocked)
    limits += `; Karpenter cannot launch a node within its limits for ${blocked.pods} pending pod(s)`;
  return `NodePool is ${phase}${why}; ${status.nodes ?? 0} node(s)${limits}`;
}
