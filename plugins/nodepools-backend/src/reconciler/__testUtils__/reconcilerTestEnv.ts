import fs from 'node:fs';
import path from 'node:path';
import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { ApiServerSuite, KubeObject } from '@nodepools/local-cluster';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { parseAllDocuments } from 'yaml';
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

/** The manifest operators apply: the tests run the reconciler with exactly these rights. */
export const RBAC_MANIFEST = path.resolve(
  __dirname,
  '../../../../../deploy/rbac/nodepools-reconciler.yaml',
);

/** The objects of the shipped RBAC manifest. */
export function rbacObjects(): KubeObject[] {
  return parseAllDocuments(fs.readFileSync(RBAC_MANIFEST, 'utf8')).map(
    doc => doc.toJSON() as KubeObject,
  );
}

/** Where each kind of the manifest lives (the harness's own path table lacks ServiceAccounts). */
function rbacObjectPath(object: KubeObject): string {
  const { name, namespace } = object.metadata;
  switch (object.kind) {
    case 'Namespace':
      return `/api/v1/namespaces/${name}`;
    case 'ServiceAccount':
      return `/api/v1/namespaces/${namespace}/serviceaccounts/${name}`;
    case 'ClusterRole':
      return `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`;
    case 'ClusterRoleBinding':
      return `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`;
    default:
      throw new Error(`unexpected kind ${object.kind} in ${RBAC_MANIFEST}`);
  }
}

/**
 * Applies the shipped RBAC manifest as admin and returns a token of its ServiceAccount, so the
 * reconciler under test has the ClusterRole's rights and nothing more. Every suite applies the
 * same objects, so parallel suites converge instead of fighting.
 */
export async function reconcilerToken(suite: ApiServerSuite): Promise<string> {
  const admin = suite.client();
  for (const object of rbacObjects()) {
    await admin.request('PATCH', rbacObjectPath(object), {
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: { fieldManager: 'nodepools-tests', force: 'true' },
    });
  }
  const answer = await admin.request<{ status: { token: string } }>(
    'POST',
    '/api/v1/namespaces/nodepools-system/serviceaccounts/nodepools-reconciler/token',
    {
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
    },
  );
  return answer.status.token;
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
    const filed = await workflow.file(request, people.bob);
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
