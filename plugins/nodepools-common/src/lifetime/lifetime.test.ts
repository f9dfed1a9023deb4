import { poolRequestSchema, type PoolSpecRequest } from '../model/PoolRequest';
import { clusterPolicySchema } from '../policy/ClusterPolicy';
import { evaluatePolicy } from '../policy/evaluatePolicy';
import {
  describeTimeLeft,
  expiryAfter,
  isLifetime,
  lifetimeMs,
} from './lifetime';
import { grantedLifetime } from './lifetimePolicy';

const request = (extra: Record<string, unknown> = {}, kind = 'create') =>
  poolRequestSchema.parse({
    kind,
    owner: 'group:default/payments',
    cluster: 'local',
    pool: 'pci',
    justification: 'dedicated PCI nodes',
    spec: {
      requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
      limits: { cpu: '16', memory: '64Gi' },
      nodeClass: 'default',
      namespaces: ['payments'],
    },
    ...extra,
  });

describe('lifetimes', () => {
  it('reads days, hours and minutes, and nothing else', () => {
    expect(lifetimeMs('30d')).toBe(30 * 86_400_000);
    expect(lifetimeMs('12h')).toBe(12 * 3_600_000);
    expect(lifetimeMs('90m')).toBe(90 * 60_000);
    for (const bad of ['0d', '30', 'd', '1w', '1d2h', '-1d', ' 30d'])
      expect(isLifetime(bad)).toBe(false);
    expect(expiryAfter('2026-01-01T00:00:00.000Z', '2d')).toBe(
      '2026-01-03T00:00:00.000Z',
    );
  });

  it('says the time left rounded down', () => {
    expect(describeTimeLeft(7 * 86_400_000)).toBe('7 days');
    expect(describeTimeLeft(86_400_000 - 1)).toBe('23 hours');
    expect(describeTimeLeft(61_000)).toBe('1 minute');
    expect(describeTimeLeft(59_000)).toBe('less than a minute');
  });

  it('a request carries a lifetime; a malformed one is a field error', () => {
    expect(request({ lifetime: '30d' })).toMatchObject({ lifetime: '30d' });
    const bad = poolRequestSchema.safeParse({
      ...request(),
      lifetime: '30 days',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['lifetime']);
  });
});

describe('the lifetime policy', () => {
  const policy = clusterPolicySchema.parse({
    lifetime: { default: '30d', max: '90d', required: true },
  });

  it('gives a new pool the default, and leaves a change without one alone', () => {
    expect(grantedLifetime(request(), policy)).toBe('30d');
    expect(grantedLifetime(request({ lifetime: '7d' }), policy)).toBe('7d');
    expect(grantedLifetime(request({}, 'update'), policy)).toBeUndefined();
  });

  it('refuses a lifetime over the maximum, for a new pool and for an Extend', () => {
    for (const kind of ['create', 'update']) {
      const verdict = evaluatePolicy(
        request({ lifetime: '91d' }, kind),
        policy,
        kind === 'update'
          ? [
              {
                id: 'p',
                owner: 'group:default/payments',
                cluster: 'local',
                name: 'pci',
                phase: 'ready',
                spec: (request() as PoolSpecRequest).spec,
              },
            ]
          : [],
      );
      expect(verdict.violations).toEqual([
        expect.objectContaining({
          path: 'lifetime',
          asked: '91d',
          allowed: '90d',
        }),
      ]);
    }
  });

  it('refuses a new pool without a lifetime when one is required and there is no default', () => {
    const strict = clusterPolicySchema.parse({ lifetime: { required: true } });
    expect(evaluatePolicy(request(), strict, []).violations).toEqual([
      expect.objectContaining({ path: 'lifetime' }),
    ]);
    expect(
      evaluatePolicy(request({ lifetime: '1d' }), strict, []).allowed,
    ).toBe(true);
    // The default policy has no lifetime rules: nothing changes for clusters that set none.
    expect(
      evaluatePolicy(request(), clusterPolicySchema.parse({}), []).allowed,
    ).toBe(true);
  });

  it('refuses a default longer than the maximum in config', () => {
    expect(
      clusterPolicySchema.safeParse({
        lifetime: { default: '91d', max: '90d' },
      }).success,
    ).toBe(false);
  });
});
