import { mockServices } from '@backstage/backend-test-utils';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { ClusterClient } from '../reconciler/ClusterClient';
import { ClusterUnreachableError } from '../reconciler/ClusterErrors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { people, poolRequest, testConfig } from '../__testUtils__/fixtures';
import { RequestWorkflow } from './RequestWorkflow';

const databases = createTestDatabases();

/** The store with every method call (inside its transactions too) named in `calls`. */
function counting(store: NodePoolsStore, calls: string[]): NodePoolsStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: any[]) => {
        calls.push(String(prop));
        if (prop === 'transaction')
          return target.transaction(tx => args[0](counting(tx, calls)));
        return value.apply(target, args);
      };
    },
  });
}

/** An API server that never answers, so the approval's server check costs no network time. */
const unreachable = (cluster: string) =>
  ({
    apply: async () => {
      throw new ClusterUnreachableError(cluster, new Error('test'));
    },
  } as unknown as ClusterClient);

// How many times one approval goes to the store: the figures the refactoring is measured by.
describe.each(databases.eachSupportedId())(
  'store calls of one decision on %s',
  databaseId => {
    const setup = async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseNodePoolsStore.create({
        database: mockServices.database.mock({ getClient: async () => knex }),
      });
      const calls: string[] = [];
      const workflow = new RequestWorkflow({
        store: counting(store, calls),
        config: testConfig(),
        logger: mockServices.logger.mock(),
        clusterClient: unreachable,
      });
      return { store, calls, workflow };
    };

    it('an approval that grants a pool reads the request once per attempt', async () => {
      const { store, calls, workflow } = await setup();
      const filed = await workflow.file(poolRequest(), people.bob);
      // As the route calls it: with the request it read to authorise the approver.
      const read = (await store.getRequest(filed.id))!;
      calls.length = 0;
      const approved = await workflow.decide(read, people.alice, 'approve');
      expect(approved.state).toBe('approved');
      console.log(
        `one approval (request given): ${
          calls.length
        } store calls: ${calls.join(', ')}`,
      );
      expect(calls.filter(c => c === 'getRequest')).toHaveLength(1);
      expect(calls.filter(c => c === 'livePools')).toHaveLength(2);
      expect(calls).toHaveLength(12);

      const second = await workflow.file(
        poolRequest({ pool: 'two' }),
        people.bob,
      );
      calls.length = 0;
      await workflow.decide(second.id, people.alice, 'reject', 'not now');
      console.log(
        `one rejection (by id): ${calls.length} store calls: ${calls.join(
          ', ',
        )}`,
      );
      expect(calls).toEqual(['transaction', 'getRequest', 'recordChange']);
    });
  },
);
