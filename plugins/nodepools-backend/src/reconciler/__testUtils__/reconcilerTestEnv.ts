import type { JsonObject } from '@backstage/types';
import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import {
  reconcilerIdentity,
  reconcilerRbacObjects,
  type ApiServerSuite,
} from '@nodepools/local-cluster';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { DatabaseNodePoolsStore } from '../../database/DatabaseNodePoolsStore';
import {
  createRequest,
  people,
  testConfig,
} from '../../__testUtils__/fixtures';
import { RequestWorkflow } from '../../workflow/RequestWorkflow';
import { ClusterClient } from '../ClusterClient';
import {
  NodePoolsReconciler,
  type NodePoolsReconcilerOptions,
} from '../NodePoolsReconciler';
import { parsePoolRequest } from '../../workflow/parsePoolRequest';

/** The objects of the shipped RBAC manifest (this package's deploy/nodepools-reconciler.yaml). */
export const rbacObjects = reconcilerRbacObjects;

/** A token of the shipped manifest's ServiceAccount: the reconciler under test has its rights only. */
export async function reconcilerToken(suite: ApiServerSuite): Promise<string> {
  return (
    await reconcilerIdentity(suite.client(), {
      fieldManager: 'nodepools-tests',
    })
  ).token;
}

/** The `local` cluster of the backend's config: the suite's API server, as the reconciler's ServiceAccount. */
export async function localClusterConfig(
  suite: ApiServerSuite,
  policy: JsonObject,
): Promise<JsonObject> {
  return {
    name: 'local',
    url: suite.connection.server,
    caData: suite.connection.caData,
    auth: {
      type: 'serviceAccount',
      token: await reconcilerToken(suite),
    },
    policy,
  };
}

/**
 * The tenancy policy is cluster-wide with fixed names, so every suite of this package must render
 * it identically: these are the only policy values tests may set that reach the admission objects.
 */
export const SHARED_POLICY = { quorum: 1 };

/** A store, a workflow and a reconciler (on SQLite by default), pointed at the suite's API server. */
export async function reconcilerTestEnv(
  suite: ApiServerSuite,
  databases: TestDatabases,
  options: {
    extraClusters?: NodePoolsConfig['clusters'];
    /** Where the reconciler reaches the API server (e.g. through a proxy that can cut it off). */
    server?: string;
    reconciler?: Partial<NodePoolsReconcilerOptions>;
    /** SQLite unless a suite needs another (one that the databases support). */
    databaseId?: TestDatabaseId;
  } = {},
) {
  const token = await reconcilerToken(suite);
  const knex = await databases.init(options.databaseId ?? 'SQLITE_3');
  const base = testConfig(SHARED_POLICY);
  const config: NodePoolsConfig = {
    ...base,
    clusters: [
      {
        ...base.clusters[0],
        url: options.server ?? suite.connection.server,
        caData: suite.connection.caData,
        auth: { type: 'serviceAccount', token },
      },
      ...(options.extraClusters ?? []),
    ],
  };
  const database = mockServices.database.mock({ getClient: async () => knex });
  const store = await DatabaseNodePoolsStore.create({ database });
  const logger = mockServices.logger.mock();
  const workflow = new RequestWorkflow({ store, config, logger });
  const reconciler = new NodePoolsReconciler({
    config,
    store,
    logger,
    ...options.reconciler,
  });
  const owner = `group:default/${suite.name('payments')}`;
  const team = suite.name('payments');

  /** Files (as Bob) and approves (as an approver) a request; returns the request as decided. */
  const approve = async (overrides: Record<string, unknown> = {}) => {
    const request: Record<string, unknown> = createRequest({
      owner,
      ...overrides,
    });
    // A decommission carries no spec at all; `spec: undefined` would be an unknown key.
    if (request.kind === 'decommission') delete request.spec;
    const filed = await workflow.file(parsePoolRequest(request), people.bob);
    return workflow.decide(filed.id, people.approver(1), 'approve');
  };
  const poolOf = async (poolId: string) => (await store.getPool(poolId))!;
  const historyOf = async (poolId: string) =>
    (await store.history({ poolId, limit: 100 })).items;

  return {
    config,
    store,
    workflow,
    reconciler,
    owner,
    team,
    knex,
    token,
    approve,
    poolOf,
    historyOf,
    /** A client with the reconciler's token, for checking what it may do. */
    reconcilerClient: () =>
      new ClusterClient('local', {
        server: suite.connection.server,
        caData: suite.connection.caData,
        token,
      }),
    close: () => knex.destroy(),
  };
}
