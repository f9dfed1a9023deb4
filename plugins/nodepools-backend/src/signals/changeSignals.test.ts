import { mockServices } from '@backstage/backend-test-utils';
import { NODEPOOLS_SIGNAL_CHANNEL } from '@nodepools/plugin-nodepools-common';
import { createRequest } from '../__testUtils__/fixtures';
import { recordingSignals } from '../__testUtils__/recordingSignals';
import { startApi } from '../__testUtils__/startApi';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const databases = createTestDatabases();
jest.setTimeout(60_000);

// The reconciler's tasks never run here: its signals are checked against a real API server in
// changeSignals.apiserver.test.ts.
const idleScheduler = mockServices.scheduler.mock({
  scheduleTask: async () => {},
  triggerTask: async () => {},
});

describe.each(databases.eachSupportedId())(
  'change signals through the API on %s',
  databaseId => {
    const start = async (failure?: 'rejects' | 'throws') => {
      const signals = recordingSignals(failure);
      const api = await startApi(
        await databases.init(databaseId),
        {},
        { features: [idleScheduler.factory, signals.factory] },
      );
      return { ...api, published: signals.published };
    };

    it('broadcasts ids and event kinds, and nothing else, when a request is filed and decided', async () => {
      const { as, published } = await start();
      const filed = await as('bob').post('/requests', createRequest());
      expect(filed.status).toBe(201);
      expect(published).toEqual([
        {
          recipients: { type: 'broadcast' },
          channel: NODEPOOLS_SIGNAL_CHANNEL,
          message: {
            poolIds: [],
            requestIds: [filed.body.id],
            events: ['request.created'],
          },
        },
      ]);

      // One transaction, one signal: the approval, the new pool and their history together.
      const approved = await as('alice').post(
        `/requests/${filed.body.id}/approve`,
        {},
      );
      expect(approved.status).toBe(200);
      expect(published).toHaveLength(2);
      expect(published[1].message).toEqual({
        poolIds: [approved.body.poolId],
        requestIds: [filed.body.id],
        events: ['pool.created', 'request.approved'],
      });

      // Reads and refused writes publish nothing.
      await as('bob').get(`/requests/${filed.body.id}`);
      const again = await as('alice').post(
        `/requests/${filed.body.id}/approve`,
        {},
      );
      expect(again.status).toBe(409);
      expect(published).toHaveLength(2);
    });

    it.each(['rejects', 'throws'] as const)(
      'files and decides all the same when the signals service %s',
      async failure => {
        const { as } = await start(failure);
        const filed = await as('bob').post('/requests', createRequest());
        expect(filed.status).toBe(201);
        const rejected = await as('alice').post(
          `/requests/${filed.body.id}/reject`,
          { comment: 'not now' },
        );
        expect(rejected.status).toBe(200);
        const read = await as('bob').get(`/requests/${filed.body.id}`);
        expect(read.body.state).toBe('rejected');
      },
    );
  },
);
