import assert from 'node:assert/strict';
import { signInAs } from './guestSession.ts';

/**
 * What tells the suite's permission policy from the allow-all one the app came with: a member of
 * another team can neither read nor approve the request (allow-all would let her read it).
 */
export async function assertOutsiderIsRefused(options: {
  baseUrl: string;
  userFile: string;
  outsider: string;
  requestId: string;
}): Promise<void> {
  const token = await signInAs(
    options.baseUrl,
    options.userFile,
    options.outsider,
  );
  const url = `${options.baseUrl}/api/nodepools/requests/${options.requestId}`;
  const headers = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  const read = await fetch(url, { headers });
  assert.equal(
    read.status,
    404,
    `read as ${options.outsider}: ${await read.text()}`,
  );
  const approve = await fetch(`${url}/approve`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ comment: 'not mine to approve' }),
  });
  assert.ok(
    approve.status === 403 || approve.status === 404,
    `approve as ${options.outsider}: ${approve.status} ${await approve.text()}`,
  );
}
