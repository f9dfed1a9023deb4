// The suite drives the backend's own store, workflow and reconciler (its `testUtils` entry): the
// REST API adds nothing the reconciler does not do.
import {
  mockServices,
  type TestDatabases,
} from '@backstage/backend-test-utils';
import {
  reconcilerIdentity,
  type KarpenterSuite,
} from '@nodepools/local-cluster';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  DatabaseNodePoolsStore,
  NodePoolsReconciler,
  RequestWorkflow,
  parsePoolRequest,
} from '@nodepools/plugin-nodepools-backend/testUtils';
import { kwokClusterPolicy } from './kwokClusterPolicy';

/** The cluster's name in the backend config. */
export const CLUSTER = 'local';

const approver = {
  userRef: 'user:default/approver-1',
  ownershipRefs: ['user:default/approver-1', 'group:default/platform'],
};

/**
 * The real backend (store on SQLite, request workflow, reconciler) pointed at the suite's
 * Karpenter control plane, with the shipped reconciler RBAC and a kwok cluster policy.
 */
export async function teamPoolsEnv(
  suite: KarpenterSuite,
  databases: TestDatabases,
) {
  const identity = await reconcilerIdentity(suite.client(), {
    fieldManager: 'nodepools-karpenter-e2e',
  });
  const policy = kwokClusterPolicy({ reconcilerUsername: identity.username });
  const config: NodePoolsConfig = {
    platformOwner: 'group:default/platform',
    clusters: [
      {
        name: CLUSTER,
        title: 'Local control plane with Karpenter',
        url: suite.connection.server,
        caData: suite.connection.caData,
        auth: { type: 'serviceAccount', token: identity.token },
        policy,
      },
    ],
  };
  const knex = await databases.init('SQLITE_3');
  const database = mockServices.database.mock({ getClient: async () => knex });
  const store = await DatabaseNodePoolsStore.create({ database });
  const logger = mockServices.logger.mock();
  const workflow = new RequestWorkflow({ store, config, logger });
  const reconciler = new NodePoolsReconciler({ config, store, logger });

  /** Files a request as a member of the owning team and approves it as a platform engineer. */
  const approve = async (request: Record<string, unknown>) => {
    const owner = String(request.owner);
    const member = `user:default/member-of-${owner.replace(
      /^group:default\//,
      '',
    )}`;
    const filed = await workflow.file(
      parsePoolRequest({ cluster: CLUSTER, ...request }),
      { userRef: member, ownershipRefs: [member, owner] },
    );
    return workflow.decide(filed.id, approver, 'approve');
  };

  /** One reconcile pass; fails the test if the cluster is not healthy afterwards. */
  const reconcile = async () => {
    const health = await reconciler.reconcileCluster(CLUSTER);
    if (health.state !== 'healthy')
      throw new Error(`reconcile failed: ${health.state}: ${health.message}`);
    return health;
  };

  return {
    config,
    policy,
    store,
    workflow,
    reconciler,
    approve,
    reconcile,
    poolOf: async (poolId: string) => (await store.getPool(poolId))!,
    close: () => knex.destroy(),
  };
}
