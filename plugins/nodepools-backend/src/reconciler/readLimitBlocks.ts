import type { LaunchBlockedByLimits } from '@nodepools/plugin-nodepools-common';
import type { KubeObject } from './KubeObject';

/**
 * Karpenter reports a pod it cannot place as a `FailedScheduling` event on the pod ("Failed to
 * schedule pod, <why>; <why>; ..."), one reason per NodePool it tried. When every instance type
 * breaches a pool's limits it says so and names the pool (v1.14, scheduler.go):
 */
const LIMIT_REASON =
  /(?:all available instance types exceed limits for nodepool|node limits have been exhausted for nodepool) \(NodePool=([a-z0-9][-a-z0-9.]*)\)/;
/**
 * When the instance types left under the limits are all too small for the pod, it says instead
 * that none has enough resources, with the pool in the requirements and the pod's requests.
 */
const TOO_SMALL = /^no instance type has enough resources/;
const POOL_REQUIREMENT = /karpenter\.sh\/nodepool In \[([a-z0-9][-a-z0-9.]*)\]/;
const REQUESTS = /resources=(\{[^}]*\})/;

/** The NodePool a reason is about, and whether it is the pool's limits that hold the pod back. */
function limitVerdict(
  reason: string,
  heldByLimits: (nodePool: string, requests: Record<string, string>) => boolean,
): string | undefined {
  const explicit = reason.match(LIMIT_REASON);
  if (explicit) return explicit[1];
  const pool = reason.match(POOL_REQUIREMENT)?.[1];
  const requests = reason.match(REQUESTS)?.[1];
  if (!TOO_SMALL.test(reason) || !pool || !requests) return undefined;
  try {
    return heldByLimits(pool, JSON.parse(requests)) ? pool : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Karpenter repeats the event for a still-pending pod every five minutes (its dedupe window), so
 * a pod not reported for six has been placed or is gone.
 */
export const LIMIT_REPORT_WINDOW_MS = 6 * 60_000;

/** The latest of an event's timestamps (core/v1 events carry several, depending on the writer). */
function eventTime(event: Record<string, unknown>): number | undefined {
  const series = event.series as { lastObservedTime?: unknown } | undefined;
  const times = [event.lastTimestamp, event.eventTime, series?.lastObservedTime]
    .filter(t => t !== undefined && t !== null && t !== '')
    .map(t => new Date(t as string | Date).getTime())
    .filter(t => !Number.isNaN(t));
  return times.length ? Math.max(...times) : undefined;
}

/** What {@link readLimitBlocks} needs to know of the pools. */
export interface LimitBlockContext {
  now: string;
  /** When our manager last applied the NodePool: new limits make earlier verdicts moot. */
  changedAt?: (nodePool: string) => number | undefined;
  /** Whether a pod with these requests is beyond the room the pool's limits leave. */
  heldByLimits?: (
    nodePool: string,
    requests: Record<string, string>,
  ) => boolean;
}

/**
 * Per NodePool name: the pods Karpenter recently could not launch a node for because of the
 * pool's limits, from `FailedScheduling` events: Karpenter says so, or says no instance type is
 * big enough while the pod does not fit in what the limits leave. Events about other causes,
 * other pools, older than the window or older than the pool's last change are ignored.
 */
export function readLimitBlocks(
  events: KubeObject[],
  {
    now,
    changedAt = () => undefined,
    heldByLimits = () => false,
  }: LimitBlockContext,
): Map<string, LaunchBlockedByLimits> {
  const since = Date.parse(now) - LIMIT_REPORT_WINDOW_MS;
  const found = new Map<
    string,
    { pods: Set<string>; message: string; at: number }
  >();
  for (const event of events as unknown as Array<Record<string, unknown>>) {
    if (event.reason !== 'FailedScheduling') continue;
    const at = eventTime(event);
    if (at === undefined || at < since) continue;
    const pod = event.involvedObject as
      | { kind?: string; name?: string; namespace?: string }
      | undefined;
    if (pod?.kind !== 'Pod' || !pod.name) continue;
    const message = String(event.message ?? '');
    const reasons = message
      .replace(/^Failed to schedule pod, /, '')
      .split('; ');
    for (const reason of reasons) {
      const pool = limitVerdict(reason, heldByLimits);
      if (!pool || at < (changedAt(pool) ?? 0)) continue;
      const entry = found.get(pool) ?? { pods: new Set(), message, at };
      entry.pods.add(`${pod.namespace ?? ''}/${pod.name}`);
      if (at >= entry.at) Object.assign(entry, { message, at });
      found.set(pool, entry);
    }
  }
  return new Map(
    [...found].map(([pool, entry]) => [
      pool,
      {
        pods: entry.pods.size,
        message: entry.message,
        reportedAt: new Date(entry.at).toISOString(),
      },
    ]),
  );
}
