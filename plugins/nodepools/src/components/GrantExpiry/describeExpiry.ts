import {
  describeTimeLeft,
  expiryAfter,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import { formatTime } from '../../lib/format';

/** "Expires in 5 days (2026-12-11 10:00 UTC)", or "Expired at …": a pool's grant in words. */
export function describePoolExpiry(expiresAt: string, now: Date): string {
  const left = new Date(expiresAt).getTime() - now.getTime();
  return left > 0
    ? `Expires in ${describeTimeLeft(left)} (${formatTime(expiresAt)})`
    : `Expired at ${formatTime(expiresAt)}`;
}

/**
 * What a request's lifetime means for the expiry: before approval, the date if approved now;
 * once approved, the date counted from the approval.
 */
export function describeRequestExpiry(
  request: Pick<RequestRecord, 'lifetime' | 'state' | 'decisions'>,
  now: Date,
): string | undefined {
  if (!request.lifetime) return undefined;
  if (request.state === 'pending')
    return `${request.lifetime}: expires ${formatTime(
      expiryAfter(now, request.lifetime),
    )} if approved now`;
  const approvedAt = [...request.decisions]
    .reverse()
    .find(d => d.decision === 'approve')?.createdAt;
  if (request.state === 'approved' || request.state === 'applied')
    return approvedAt
      ? `${request.lifetime}: until ${formatTime(
          expiryAfter(approvedAt, request.lifetime),
        )}`
      : request.lifetime;
  return request.lifetime;
}
