import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  people,
  poolRequest,
  setupWorkflow,
  testConfig,
} from '../__testUtils__/fixtures';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import type { GrantExpiryNotice } from './RequestNotifier';
import { RequestWorkflow } from './RequestWorkflow';

const databases = createTestDatabases();
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())('GrantExpiry on %s', databaseId => {
  /**
   * Two replicas (two stores and workflows) on one database, sharing one clock, each with its own
   * notifier: a notice sent twice shows up as two entries across them.
   */
  const setup = async (lifetime: Record<string, unknown> = {}) => {
    const knex = await databases.init(databaseId);
    const policy = { lifetime: { max: '90d', ...lifetime } };
    const first = await setupWorkflow(knex, policy);
    const sent: GrantExpiryNotice[] = [];
    const approved: string[] = [];
    const replica = async () =>
      new RequestWorkflow({
        store: await DatabaseNodePoolsStore.create({
          database: mockServices.database.mock({ getClient: async () => knex }),
        }),
        config: testConfig(policy),
        logger: mockServices.logger.mock(),
        now: () => new Date(first.clock.now),
        notifier: {
          decided: async () => {},
          grantExpiring: async notice => {
            sent.push(notice);
          },
        },
        onApproved: cluster => approved.push(cluster),
      });
    const replicas = [await replica(), await replica()];
    const bothCheck = async () => {
      const passes = await Promise.all(replicas.map(r => r.checkGrantExpiry()));
      return {
        warnings: passes.reduce((n, p) => n + p.warnings, 0),
        expired: passes.reduce((n, p) => n + p.expired, 0),
      };
    };
    const grant = async (lifetimeText?: string) => {
      const request = await first.workflow.file(
        poolRequest(lifetimeText ? { lifetime: lifetimeText } : {}),
        people.bob,
      );
      first.tick();
      const decided = await first.workflow.decide(
        request.id,
        people.alice,
        'approve',
      );
      return (await first.store.getPool(decided.poolId!))!;
    };
    return { ...first, knex, sent, approved, bothCheck, grant };
  };

  it('sets the expiry at approval from the lifetime, and from the default when none is asked', async () => {
    const { grant, clock, store } = await setup({ default: '30d' });
    const pool = await grant('10d');
    expect(pool.expiresAt).toBe(
      new Date(clock.now.getTime() + 10 * DAY).toISOString(),
    );
    await store.updatePool(pool.id, undefined, {
      phase: 'removed',
      updatedAt: clock.now.toISOString(),
    });
    const defaulted = await grant();
    expect(defaulted.expiresAt).toBe(
      new Date(clock.now.getTime() + 30 * DAY).toISOString(),
    );
  });

  it('warns once per lead time across two replicas, then expires the grant once, as the system', async () => {
    const { grant, clock, sent, approved, bothCheck, store } = await setup();
    const pool = await grant('10d');
    const expiresAt = new Date(pool.expiresAt!).getTime();
    const at = (ms: number) => {
      clock.now = new Date(ms);
    };

    at(expiresAt - 8 * DAY);
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });

    at(expiresAt - 7 * DAY + 1000);
    expect(await bothCheck()).toEqual({ warnings: 1, expired: 0 });
    at(expiresAt - 3 * DAY);
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });

    at(expiresAt - DAY / 2);
    expect(await bothCheck()).toEqual({ warnings: 1, expired: 0 });
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });
    expect(sent.map(n => n.what)).toEqual(['warning', 'warning']);
    expect(sent[0]).toMatchObject({
      requester: people.bob.userRef,
      pool: { owner: 'group:default/payments' },
    });

    const approvalsBefore = approved.length;
    at(expiresAt + 1000);
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 1 });
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });
    expect(approved.length).toBe(approvalsBefore + 1); // the reconciler is woken once

    const after = await store.getPool(pool.id);
    expect(after).toMatchObject({ phase: 'decommissioning', spec: pool.spec });
    const history = await store.history({ poolId: pool.id, limit: 20 });
    const types = history.items.map(e => e.type).reverse();
    expect(types).toEqual([
      'pool.created',
      'request.approved',
      'pool.expiry-warning',
      'pool.expiry-warning',
      'pool.decommissioning',
    ]);
    expect(history.items[0]).toMatchObject({
      actor: 'system',
      requestId: undefined,
      data: { reason: 'expired', expiresAt: pool.expiresAt },
    });
    expect(sent.map(n => n.what)).toEqual([
      'warning',
      'warning',
      'decommissioned',
    ]);
  });

  it('after an outage sends only the nearest warning', async () => {
    const { grant, clock, sent, bothCheck } = await setup();
    const pool = await grant('10d');
    clock.now = new Date(new Date(pool.expiresAt!).getTime() - DAY / 2);
    expect(await bothCheck()).toEqual({ warnings: 1, expired: 0 });
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });
    expect(sent).toHaveLength(1);
  });

  it('an approved Extend moves the expiry within the maximum and re-arms the warnings', async () => {
    const { grant, clock, tick, workflow, bothCheck, store } = await setup();
    const pool = await grant('10d');
    clock.now = new Date(new Date(pool.expiresAt!).getTime() - DAY / 2);
    expect((await bothCheck()).warnings).toBe(1);

    await expect(
      workflow.file(
        poolRequest({ kind: 'update', lifetime: '91d' }),
        people.bob,
      ),
    ).rejects.toMatchObject({
      violations: [expect.objectContaining({ path: 'lifetime' })],
    });
    const extend = await workflow.file(
      poolRequest({ kind: 'update', lifetime: '30d' }),
      people.bob,
    );
    tick();
    await workflow.decide(extend.id, people.alice, 'approve');
    const extended = (await store.getPool(pool.id))!;
    expect(extended.expiresAt).toBe(
      new Date(clock.now.getTime() + 30 * DAY).toISOString(),
    );
    expect(extended.spec).toEqual(pool.spec);

    clock.now = new Date(new Date(extended.expiresAt!).getTime() - DAY / 2);
    expect(await bothCheck()).toEqual({ warnings: 1, expired: 0 });
    // Nor does the old expiry end it.
    clock.now = new Date(new Date(pool.expiresAt!).getTime() + 1000);
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });
  });

  it('an expiry that read the pool before an Extend was approved loses, and writes nothing', async () => {
    const { grant, clock, tick, workflow, store, knex } = await setup();
    const pool = await grant('1h');
    const stale = await store.expiringPools('9999-01-01T00:00:00.000Z');
    const extend = await workflow.file(
      poolRequest({ kind: 'update', lifetime: '30d' }),
      people.bob,
    );
    tick();
    await workflow.decide(extend.id, people.alice, 'approve');
    // A replica that listed the pools just before the Extend, checking just after the old expiry.
    const late = new RequestWorkflow({
      store: Object.assign(Object.create(store), {
        expiringPools: async () => stale,
      }),
      config: testConfig({ lifetime: { max: '90d' } }),
      logger: mockServices.logger.mock(),
      now: () => new Date(new Date(pool.expiresAt!).getTime() + 1000),
    });
    expect(await late.checkGrantExpiry()).toEqual({ warnings: 0, expired: 0 });
    expect(await store.getPool(pool.id)).toMatchObject({
      phase: 'provisioning',
      expiresAt: new Date(clock.now.getTime() + 30 * DAY).toISOString(),
    });
    expect(
      Number((await knex('nodepools_expiry_notices').count({ n: '*' }))[0].n),
    ).toBe(0);
  });

  it('with onExpiry "notify" only tells, once, and the pool stays', async () => {
    const { grant, clock, sent, bothCheck, store } = await setup({
      onExpiry: 'notify',
    });
    const pool = await grant('1h');
    clock.now = new Date(new Date(pool.expiresAt!).getTime() + 1000);
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 1 });
    expect(await bothCheck()).toEqual({ warnings: 0, expired: 0 });
    expect(await store.getPool(pool.id)).toMatchObject({
      phase: 'provisioning',
    });
    expect(sent.map(n => n.what)).toEqual(['expired']);
    const history = await store.history({ poolId: pool.id, limit: 1 });
    expect(history.items[0]).toMatchObject({
      type: 'pool.expired',
      actor: 'system',
    });
  });
});
