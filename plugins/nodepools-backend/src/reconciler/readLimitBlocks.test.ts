import type { KubeObject } from './KubeObject';
import { readLimitBlocks } from './readLimitBlocks';

const now = '2026-12-01T12:00:00.000Z';
const minutesAgo = (m: number) =>
  new Date(Date.parse(now) - m * 60_000).toISOString();
const event = (
  pod: string,
  message: string,
  lastTimestamp: string,
  extra: Record<string, unknown> = {},
) =>
  ({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${pod}.1`, namespace: 'payments' },
    involvedObject: { kind: 'Pod', name: pod, namespace: 'payments' },
    reason: 'FailedScheduling',
    message,
    lastTimestamp,
    ...extra,
  } as unknown as KubeObject);

// Karpenter v1.14's words, as its scheduler wraps them for one pending pod and two NodePools.
const limits = (pool: string) =>
  `all available instance types exceed limits for nodepool (NodePool=${pool})`;
const karpenter = (...reasons: string[]) =>
  `Failed to schedule pod, ${reasons.join('; ')}`;

describe('readLimitBlocks', () => {
  it('counts the pods Karpenter recently could not place because of a pool\u2019s limits', () => {
    const blocks = readLimitBlocks(
      [
        event('web-1', karpenter(limits('payments-web')), minutesAgo(1)),
        event('web-2', karpenter(limits('payments-web')), minutesAgo(2)),
        // The same pod reported twice is one pod.
        event('web-2', karpenter(limits('payments-web')), minutesAgo(0.5)),
        event(
          'batch-1',
          karpenter(
            'incompatible with nodepool "search-jobs", did not tolerate nodepools.backstage.io/team=search:NoSchedule',
            'node limits have been exhausted for nodepool (NodePool=payments-batch)',
          ),
          minutesAgo(3),
        ),
      ],
      { now },
    );
    expect(Object.fromEntries(blocks)).toEqual({
      'payments-web': {
        pods: 2,
        message: karpenter(limits('payments-web')),
        reportedAt: minutesAgo(0.5),
      },
      'payments-batch': expect.objectContaining({
        pods: 1,
        reportedAt: minutesAgo(3),
      }),
    });
  });

  it('ignores old reports, other causes, other reasons and other objects', () => {
    expect(
      readLimitBlocks(
        [
          event('old', karpenter(limits('payments-web')), minutesAgo(7)),
          event(
            'taint',
            karpenter(
              'incompatible with nodepool "payments-web", did not tolerate x',
            ),
            minutesAgo(1),
          ),
          event('sched', limits('payments-web'), minutesAgo(1), {
            reason: 'Scheduled',
          }),
          event('node', karpenter(limits('payments-web')), minutesAgo(1), {
            involvedObject: { kind: 'Node', name: 'n1' },
          }),
          event('no-time', karpenter(limits('payments-web')), ''),
        ],
        { now },
      ).size,
    ).toBe(0);
  });

  it('reads "no instance type has enough resources" as the limits when the pod does not fit in what they leave', () => {
    // Real Karpenter v1.14 (kwok provider): 1 cpu left under a 4 cpu limit, a 1 cpu pod, overhead.
    const tooSmall = (pool: string) =>
      `no instance type has enough resources, requirements=karpenter.kwok.sh/kwoknodeclass In [default], karpenter.sh/capacity-type In [on-demand], karpenter.sh/nodepool In [${pool}], kubernetes.io/arch In [amd64], resources={"cpu":"1","memory":"1Gi","pods":"1"}`;
    const events = [
      event(
        'web-4',
        karpenter(
          tooSmall('payments-web'),
          'did not tolerate taint (taint=nodepools.backstage.io/team=search:NoSchedule)',
        ),
        minutesAgo(1),
      ),
      event('big-1', karpenter(tooSmall('payments-big')), minutesAgo(1)),
    ];
    const seen: Array<[string, Record<string, string>]> = [];
    const blocks = readLimitBlocks(events, {
      now,
      heldByLimits: (pool, requests) => {
        seen.push([pool, requests]);
        // payments-web has room for less than 1 cpu; payments-big has plenty: its pod is just too big.
        return pool === 'payments-web';
      },
    });
    expect([...blocks.keys()]).toEqual(['payments-web']);
    expect(seen).toEqual([
      ['payments-web', { cpu: '1', memory: '1Gi', pods: '1' }],
      ['payments-big', { cpu: '1', memory: '1Gi', pods: '1' }],
    ]);
  });

  it("ignores what Karpenter said before the pool's last change", () => {
    const events = [
      event('web-1', karpenter(limits('payments-web')), minutesAgo(3)),
      event('web-2', karpenter(limits('payments-web')), minutesAgo(1)),
    ];
    const changed = (pool: string) =>
      pool === 'payments-web' ? Date.parse(minutesAgo(2)) : undefined;
    expect(
      readLimitBlocks(events, { now, changedAt: changed }).get('payments-web')
        ?.pods,
    ).toBe(1);
  });

  it('takes the newest of the timestamps an event carries', () => {
    const blocks = readLimitBlocks(
      [
        event('web-1', karpenter(limits('payments-web')), minutesAgo(30), {
          series: { count: 4, lastObservedTime: minutesAgo(2) },
        }),
      ],
      { now },
    );
    expect(blocks.get('payments-web')?.reportedAt).toBe(minutesAgo(2));
  });
});
