import { ConflictError } from '@backstage/errors';
import type {
  PoolRecord,
  RequestRecord,
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
 * `current` is the team's live pool of that name, as read for the approval's preview.
 */
export function grantToPool(
  request: RequestRecord,
  current: VersionedPool | undefined,
  actor: Actor,
  now: string,
  newId: () => string,
): Grant {
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
        message: `pool ${pool.name} granted to ${pool.owner} on ${pool.cluster}`,
      },
      granted: pool,
    };
  }
  if (!current)
    throw new ConflictError(
      `pool ${request.pool} no longer exists on ${request.cluster}`,
    );
  const { version, ...before } = current;
  const generation = current.generation + 1;
  const [patch, type, message] =
    request.kind === 'update'
      ? ([
          {
            spec: request.spec!,
            description: request.justification,
            generation,
            approvedRequestId: request.id,
          },
          'pool.updated',
          `pool ${current.name} spec approved as generation ${generation}`,
        ] as const)
      : ([
          { phase: 'decommissioning', approvedRequestId: request.id },
          'pool.decommissioning',
          `pool ${current.name} approved for removal`,
        ] as const);
  return {
    pool: { id: current.id, version, patch },
    event: {
      poolId: current.id,
      requestId: request.id,
      type,
      actor: actor.userRef,
      message,
    },
    granted: { ...before, ...patch, updatedAt: now },
  };
}
