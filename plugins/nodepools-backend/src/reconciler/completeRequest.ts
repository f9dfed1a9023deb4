import type { NodePoolsStore } from '../database/NodePoolsStore';

/**
 * Marks the request whose approval a pool now reflects as 'applied'. Only an 'approved' request
 * moves, with its version checked, so a second replica doing the same finds nothing to do.
 */
export async function completeRequest(
  tx: NodePoolsStore,
  requestId: string | undefined,
  now: string,
): Promise<boolean> {
  if (!requestId) return false;
  const request = await tx.getRequest(requestId);
  if (!request || request.state !== 'approved') return false;
  return tx.transitionRequest(
    request.id,
    request.version,
    { state: 'applied' },
    now,
  );
}
