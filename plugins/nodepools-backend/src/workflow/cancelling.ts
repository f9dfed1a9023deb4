import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import { ConcurrentUpdateError } from './FieldValidationError';
import type { Actor, WorkflowContext } from './WorkflowContext';

/** Withdraws a pending request; only its requester may. */
export function cancelRequest(
  ctx: WorkflowContext,
  id: string,
  actor: Actor,
  reason?: string,
): Promise<RequestRecord> {
  return ctx.store.transaction(async tx => {
    const read = await tx.getRequest(id);
    if (!read) throw new NotFoundError(`no request ${id}`);
    if (read.requester !== actor.userRef)
      throw new NotAllowedError('only the requester may cancel a request');
    if (read.state !== 'pending')
      throw new ConflictError(`request ${id} is ${read.state}, not pending`);
    const now = ctx.now().toISOString();
    const { version, ...request } = read;
    const moved = await tx.recordChange(
      {
        request: { id, version, patch: { state: 'cancelled', reason } },
        events: [
          {
            requestId: id,
            poolId: request.poolId,
            type: 'request.cancelled',
            actor: actor.userRef,
            message: `${actor.userRef} cancelled the request${
              reason ? `: ${reason}` : ''
            }`,
          },
        ],
      },
      now,
    );
    if (!moved) throw new ConcurrentUpdateError();
    return { ...request, state: 'cancelled', reason, updatedAt: now };
  });
}
