import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import fc from 'fast-check';
import { readNodePoolsConfig } from './readNodePoolsConfig';

const read = (nodepools: JsonObject) =>
  readNodePoolsConfig(new ConfigReader({ nodepools }));
const cluster = (extra: JsonObject): JsonObject => ({
  clusters: [{ name: 'prod-eu', url: 'https://eks.example', ...extra }],
});

describe('readNodePoolsConfig', () => {
  it('reads service-account and AWS IAM auth', () => {
    expect(
      read(cluster({ auth: { type: 'serviceAccount', token: 't0ken' } }))
        .clusters[0].auth,
    ).toEqual({ type: 'serviceAccount', token: 't0ken' });
    expect(
      read(
        cluster({
          auth: {
            type: 'aws',
            clusterId: 'prod-eu-eks',
            assumeRole: 'arn:aws:iam::123456789012:role/nodepools-reconciler',
            externalId: 'backstage',
          },
        }),
      ).clusters[0].auth,
    ).toEqual({
      type: 'aws',
      clusterId: 'prod-eu-eks',
      assumeRole: 'arn:aws:iam::123456789012:role/nodepools-reconciler',
      externalId: 'backstage',
      accountId: undefined,
    });
  });

  it('names the key of a bad auth setting', () => {
    expect(() => read(cluster({ auth: { type: 'kubeconfig' } }))).toThrow(
      'Invalid configuration at nodepools.clusters[0].auth.type: "kubeconfig" is not supported (use serviceAccount or aws)',
    );
    expect(() =>
      read(cluster({ auth: { type: 'aws', assumeRole: 'nodepools' } })),
    ).toThrow(
      /^Invalid configuration at nodepools\.clusters\[0\]\.auth\.assumeRole: "nodepools" is not an IAM role ARN/,
    );
    expect(() => read(cluster({ auth: { type: 'serviceAccount' } }))).toThrow(
      /auth\.token/,
    );
  });

  it('defaults the reconcile interval to 30 s and refuses any value outside 5..3600 whole seconds', () => {
    expect(read(cluster({})).reconcileIntervalSeconds).toBe(30);
    expect(
      read({ ...cluster({}), reconcileIntervalSeconds: 120 })
        .reconcileIntervalSeconds,
    ).toBe(120);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 4 }),
          fc.integer({ min: 3601 }),
          fc.double({ min: 5, max: 3600, noInteger: true, noNaN: true }),
        ),
        value => {
          expect(() =>
            read({ ...cluster({}), reconcileIntervalSeconds: value }),
          ).toThrow(
            /^Invalid configuration at nodepools\.reconcileIntervalSeconds: /,
          );
        },
      ),
    );
  });
});

describe('readNodePoolsConfig grantExpiryIntervalSeconds', () => {
  it('defaults to a minute and refuses any value outside 5..3600 whole seconds', () => {
    expect(read({}).grantExpiryIntervalSeconds).toBe(60);
    expect(
      read({ grantExpiryIntervalSeconds: 5 }).grantExpiryIntervalSeconds,
    ).toBe(5);
    for (const bad of [4, 3601, 1.5])
      expect(() => read({ grantExpiryIntervalSeconds: bad })).toThrow(
        'nodepools.grantExpiryIntervalSeconds',
      );
  });
});

describe('readNodePoolsConfig teamBudgets', () => {
  it('reads budgets per team with USD as the default currency, and names a bad entry', () => {
    expect(
      read({
        teamBudgets: [
          { team: 'group:default/payments', monthly: 5000 },
          { team: 'group:default/ml', monthly: 900, currency: 'EUR' },
        ],
      }).teamBudgets,
    ).toEqual([
      { team: 'group:default/payments', monthly: 5000, currency: 'USD' },
      { team: 'group:default/ml', monthly: 900, currency: 'EUR' },
    ]);
    expect(read({}).teamBudgets).toBeUndefined();
    expect(() =>
      read({ teamBudgets: [{ team: 'group:default/x', monthly: 0 }] }),
    ).toThrow('nodepools.teamBudgets[0].monthly');
    expect(() =>
      read({
        teamBudgets: [{ team: 'group:default/x', monthly: 1, currency: '$' }],
      }),
    ).toThrow('nodepools.teamBudgets[0].currency');
    expect(() =>
      read({
        teamBudgets: [
          { team: 'group:default/x', monthly: 1 },
          { team: 'group:default/x', monthly: 2 },
        ],
      }),
    ).toThrow('team "group:default/x" has two budgets');
  });
});

describe('readNodePoolsConfig delivery', () => {
  it('defaults to apply, and fills in git delivery defaults', () => {
    expect(read(cluster({})).clusters[0].delivery).toBeUndefined();
    expect(
      read(cluster({ delivery: { type: 'apply' } })).clusters[0].delivery,
    ).toBeUndefined();
    expect(
      read(
        cluster({
          delivery: {
            type: 'git',
            repository: 'https://github.com/acme/clusters.git',
          },
        }),
      ).clusters[0].delivery,
    ).toEqual({
      type: 'git',
      repository: 'https://github.com/acme/clusters',
      branch: 'main',
      path: 'clusters/{cluster}/nodepools/{team}.{pool}.yaml',
      tenancyPath: 'clusters/{cluster}/nodepools/tenancy.yaml',
      mode: 'pull-request',
    });
  });

  it.each([
    [{ type: 'flux' }, 'delivery.type: "flux" is not supported'],
    [
      { type: 'git', repository: 'https://github.com/acme' },
      'must be https://<host>/<owner>/<name>',
    ],
    [
      { type: 'git', repository: 'https://github.com/a/b', mode: 'merge' },
      'delivery.mode: "merge" is not supported',
    ],
    [
      { type: 'git', repository: 'https://github.com/a/b', path: 'x/{pool}' },
      'must contain {team} and {pool}',
    ],
  ])('refuses %j', (delivery, message) => {
    expect(() => read(cluster({ delivery }))).toThrow(message);
  });
});
