import { mockServices } from '@backstage/backend-test-utils';
import type {
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { rowCounts } from '../__testUtils__/fixtures';
import type { StoreChange } from './ChangeSet';
import { DatabaseNodePoolsStore } from './DatabaseNodePoolsStore';

const databases = createTestDatabases();
const now = '2026-12-01T11:00:00.000Z';

const spec: PoolRecord['spec'] = {
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '2', memory: '4Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
};

const request = (
  id: string,
  state: RequestRecord['state'] = 'pending',
): Omit<RequestRecord, 'decisions'> => ({
  id,
  kind: 'create',
  cluster: 'a',
  owner: 'group:default/payments',
  pool: id,
  spec,
  justification: 'needs dedicated nodes',
  requester: 'user:default/bob',
  state,
  policy: { allowed: true, violations: [] },
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  expiresAt: '2026-12-08T10:00:00.000Z',
});

const pool = (id: string, approvedRequestId?: string): PoolRecord => ({
  id,
  cluster: 'a',
  owner: 'group:default/payments',
  name: id,
  phase: 'ready',
  spec,
  generation: 1,
  approvedRequestId,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
});

async function storeOn(knex: Knex) {
  const changes: StoreChange[] = [];
  const store = await DatabaseNodePoolsStore.create({
    database: mockServices.database.mock({ getClient: async () => knex }),
    onChange: change => changes.push(change),
  });
  return { store, changes };
}

describe.each(databases.eachSupportedId())(
  'NodePoolsStore.recordChange on %s',
  databaseId => {
    it('writes the rows, the decision and the history together, and tells once', async () => {
      const knex = await databases.init(databaseId);
      const { store, changes } = await storeOn(knex);
      await store.insertRequest(request('r1'));
      const version = (await store.getRequest('r1'))!.version;
      changes.length = 0;
      expect(
        await store.recordChange(
          {
            request: {
              id: 'r1',
              version,
              patch: { state: 'approved', poolId: 'p1' },
            },
            decision: {
              actor: 'user:default/alice',
              decision: 'approve',
              createdAt: now,
            },
            pool: { insert: pool('p1', 'r1') },
            events: [
              {
                poolId: 'p1',
                requestId: 'r1',
                type: 'pool.created',
                message: 'granted',
              },
              {
                poolId: 'p1',
                requestId: 'r1',
                type: 'request.approved',
                message: 'approved',
              },
            ],
          },
          now,
        ),
      ).toBe(true);
      expect(await store.getRequest('r1')).toMatchObject({
        state: 'approved',
        poolId: 'p1',
        version: version + 1,
        updatedAt: now,
        decisions: [{ actor: 'user:default/alice', decision: 'approve' }],
      });
      expect((await store.getPool('p1'))?.approvedRequestId).toBe('r1');
      const history = await store.history({ requestId: 'r1', limit: 10 });
      expect(history.items.map(e => e.type)).toEqual([
        'request.approved',
        'pool.created',
      ]);
      expect(changes).toEqual([
        {
          poolIds: ['p1'],
          requestIds: ['r1'],
          events: ['pool.created', 'request.approved'],
        },
      ]);
      await knex.destroy();
    });

    it('writes nothing, no event included, when a checked row is stale, even inside a transaction', async () => {
      const knex = await databases.init(databaseId);
      const { store, changes } = await storeOn(knex);
      await store.insertRequest(request('r1'));
      await store.insertPool(pool('p1'));
      const version = (await store.getRequest('r1'))!.version;
      const poolVersion = (await store.getPool('p1'))!.version;
      const before = await rowCounts(knex);
      changes.length = 0;
      const event = {
        requestId: 'r1',
        type: 'request.rejected' as const,
        message: 'no',
      };

      // The request was changed meanwhile: nothing of the change is written.
      expect(
        await store.recordChange(
          {
            request: {
              id: 'r1',
              version: version - 1,
              patch: { state: 'rejected' },
            },
            decision: {
              actor: 'user:default/alice',
              decision: 'reject',
              createdAt: now,
            },
            events: [event],
          },
          now,
        ),
      ).toBe(false);

      // The request is fresh but the pool is not: the request's own update, already made, is
      // undone with the rest, and a transaction around it goes on and commits its other writes.
      await store.transaction(async tx => {
        expect(
          await tx.recordChange(
            {
              request: { id: 'r1', version, patch: { state: 'approved' } },
              pool: {
                id: 'p1',
                version: poolVersion + 7,
                patch: { phase: 'decommissioning' },
              },
              events: [event],
            },
            now,
          ),
        ).toBe(false);
        // One checked row, stale: nothing is written before it is checked.
        expect(
          await tx.recordChange(
            {
              pool: {
                id: 'p1',
                version: poolVersion + 7,
                patch: { phase: 'decommissioning' },
              },
              events: [
                { poolId: 'p1', type: 'pool.decommissioning', message: 'no' },
              ],
            },
            now,
          ),
        ).toBe(false);
        await tx.insertPool(pool('p2'));
      });

      expect(await rowCounts(knex)).toEqual({
        ...before,
        pools: before.pools + 1,
      });
      expect(await store.getRequest('r1')).toMatchObject({
        state: 'pending',
        version,
        decisions: [],
      });
      expect(await store.getPool('p1')).toMatchObject({
        phase: 'ready',
        version: poolVersion,
      });
      expect(
        (await store.history({ requestId: 'r1', limit: 10 })).items,
      ).toEqual([]);
      // Only the committed pool was told; the stale changes told nothing.
      expect(changes).toEqual([
        { poolIds: ['p2'], requestIds: [], events: [] },
      ]);
      await knex.destroy();
    });

    it("completes the pool's request only while it is approved, without failing the change", async () => {
      const knex = await databases.init(databaseId);
      const { store } = await storeOn(knex);
      await store.insertRequest(request('r1', 'approved'));
      await store.insertRequest(request('r2', 'rejected'));
      await store.insertPool(pool('p1', 'r1'));
      const applied = (id: string, requestId: string) =>
        store.recordChange(
          {
            pool: { id, version: undefined, patch: { appliedGeneration: 1 } },
            completes: requestId,
            events: [
              {
                poolId: id,
                requestId,
                type: 'pool.applied',
                message: 'applied',
              },
            ],
          },
          now,
        );
      expect(await applied('p1', 'r1')).toBe(true);
      expect((await store.getRequest('r1'))?.state).toBe('applied');
      // Already applied, or never approved: the request stays as it is, the pool change is written.
      expect(await applied('p1', 'r1')).toBe(true);
      expect(await applied('p1', 'r2')).toBe(true);
      expect((await store.getRequest('r2'))?.state).toBe('rejected');
      expect(
        (await store.history({ poolId: 'p1', limit: 10 })).items,
      ).toHaveLength(3);
      await knex.destroy();
    });
  },
);
