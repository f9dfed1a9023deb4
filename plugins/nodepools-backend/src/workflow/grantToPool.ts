import { ConflictError } from '@backstage/errors';
import {
  expiryAfter,
  type PoolRecord,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type {
  NewEvent,
  RecordedChange,
  VersionedPool,
} from '../database/NodePoolsStore';
import type { Actor } from './WorkflowContext';

/** What granting a request does to its pool: the row change, its event, and the pool after it. */
export interface Grant {
  pool: NonNullable<RecordedChange['pool']>;
  event: NewEvent;
  /** The pool as it is once the change is written (for the catalog's delta). */
  granted: PoolRecord;
}

/**
 * The approved change as a change of the pool: a new pool, a new generation, or decommissioning.
 * `current` is the team's live pool of that name, as read for the approval's preview. A request
 * with a lifetime (a new pool, or an Extend) sets the grant's expiry from the approval's time.
 */
export function grantToPool(
  request: RequestRecord,
  current: VersionedPool | undefined,
  actor: Actor,
  now: string,
  newId: () => string,
): Grant {
  const expiresAt = request.lifetime
    ? expiryAfter(now, request.lifetime)
    : undefined;
  const until = expiresAt ? `, until ${expiresAt}` : '';
  if (request.kind === 'create') {
    const pool: PoolRecord = {
      id: newId(),
      cluster: request.cluster,
      owner: request.owner,
      name: request.pool,
      phase: 'provisioning',
      spec: request.spec!,
      description: request.justification,
      generation: 1,
      approvedRequestId: request.id,
      ...(expiresAt ? { expiresAt } : {}),
      createdAt: now,
      updatedAt: now,
    };
    return {
      pool: { insert: pool },
      event: {
        poolId: pool.id,
        requestId: request.id,
        type: 'pool.created',
        actor: actor.userRef,
        message: `pool ${pool.name} granted to ${pool.owner} on ${pool.cluster}${until}`,
      },
      granted: pool,
    };
  }
  if (!current)
    throw new ConflictError(
      `pool ${request.pool} no longer exists on ${request.cluster}`,
    );
  if (request.kind === 'decommission')
    return decommissionGrant(current, now, {
      requestId: request.id,
      actor: actor.userRef,
      message: `pool ${current.name} approved for removal`,
    });
  const { version, ...before } = current;
  const generation = current.generation + 1;
  const patch = {
    spec: request.spec!,
    description: request.justification,
    generation,
    approvedRequestId: request.id,
    ...(expiresAt ? { expiresAt } : {}),
  };
  return {
    pool: { id: current.id, version, patch },
    event: {
      poolId: current.id,
      requestId: request.id,
      type: 'pool.updated',
      actor: actor.userRef,
      message: `pool ${current.name} spec approved as generation ${generation}${
        expiresAt ? `; the grant is extended until ${expiresAt}` : ''
      }`,
      ...(expiresAt ? { data: { expiresAt, lifetime: request.lifetime } } : {}),
    },
    granted: { ...before, ...patch, updatedAt: now },
  };
}

/**
 * The pool turned into a decommission: by an approved request, or by the system when the grant
 * runs out (no request; the event says why). The reconciler then deletes the NodePool.
 */
export function decommissionGrant(
  current: VersionedPool,
  now: string,
  by: Pick<NewEvent, 'requestId' | 'actor' | 'message' | 'data'>,
): Grant {
  const { version, ...before } = current;
  const patch = {
    phase: 'decommissioning' as const,
    ...(by.requestId ? { approvedRequestId: by.requestId } : {}),
  };
  return {
    pool: { id: current.id, version, patch },
    event: { poolId: current.id, type: 'pool.decommissioning', ...by },
    granted: { ...before, ...patch, updatedAt: now },
  };
}
