import assert from 'node:assert/strict';
import { signInAs } from './guestSession.ts';
import { waitFor } from './stage.ts';

/**
 * Approves a request through the backend's API as `approver` (a member of the cluster's approver
 * group) and waits until the reconciler has applied it. Returns the request as the API shows it.
 */
export async function approveAndWaitApplied(options: {
  baseUrl: string;
  userFile: string;
  approver: string;
  requestId: string;
}): Promise<{ state: string; poolId?: string }> {
  const token = await signInAs(
    options.baseUrl,
    options.userFile,
    options.approver,
  );
  const url = `${options.baseUrl}/api/nodepools/requests/${options.requestId}`;
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const approved = await fetch(`${url}/approve`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ comment: 'Approved by the installation test' }),
  });
  assert.equal(approved.status, 200, await approved.clone().text());
  return waitFor(
    'the reconciler to apply the request',
    async () => {
      const res = await fetch(url, { headers });
      const request = (await res.json()) as { state: string; poolId?: string };
      return request.state === 'applied' ? request : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 2000 },
  );
}
