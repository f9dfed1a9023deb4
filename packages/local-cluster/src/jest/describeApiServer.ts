/* eslint-disable jest/no-export, jest/valid-title, jest/no-disabled-tests, jest/expect-expect --
   a helper that declares suites for test files, not a test file itself */
import { KubeClient } from '../kube/KubeClient.ts';
import { readJsonFile } from '../runtime/LaunchPlan.ts';
import type { ControlPlaneConnection } from '../runtime/ControlPlaneConnection.ts';
import type { ControlPlaneUser } from '../runtime/controlPlaneUsers.ts';
import { suiteNames } from './suiteNames.ts';
import type { SuiteNames } from './suiteNames.ts';
import { TEST_ENV } from './testRunState.ts';

/** What a suite gets: the shared control plane, its own names and namespace, and clients. */
export interface ApiServerSuite extends SuiteNames {
  connection: ControlPlaneConnection;
  /** A namespace of this suite's own, created before its tests and deleted after. */
  namespace: string;
  /** A client authenticated as one of the control plane's users (admin by default). */
  client(user?: ControlPlaneUser): KubeClient;
}

/** The run's control plane, or why there is none. For harnesses other than describeApiServer. */
export function testControlPlane():
  | { connection: ControlPlaneConnection }
  | { skipReason: string } {
  const skipReason = process.env[TEST_ENV.skipReason];
  if (skipReason) return { skipReason };
  const file = process.env[TEST_ENV.connection];
  const connection = file
    ? readJsonFile<ControlPlaneConnection>(file)
    : undefined;
  if (!connection) {
    throw new Error(
      'No test control plane: add "globalSetup"/"globalTeardown" from @nodepools/local-cluster/src/jest ' +
        'to the "jest" field of package.json (see packages/local-cluster/README.md).',
    );
  }
  return { connection };
}

/**
 * `describe` for suites that need the real API server. The body gets an {@link ApiServerSuite};
 * when the run has no control plane (no Go, outside CI) the suite is skipped and says why.
 */
export function describeApiServer(
  title: string,
  body: (suite: ApiServerSuite) => void,
  options: { timeoutMs?: number } = {},
): void {
  const plane = testControlPlane();
  if ('skipReason' in plane) {
    // Printed while Jest collects the file, so it shows next to the skipped suite.
    console.warn(`Skipping "${title}": ${plane.skipReason}`);
    describe.skip(`${title} (skipped: ${plane.skipReason})`, () => {
      it('needs a real kube-apiserver', () => undefined);
    });
    return;
  }
  describe(title, () => {
    jest.setTimeout(options.timeoutMs ?? 60_000);
    const names = suiteNames();
    const clients: KubeClient[] = [];
    const suite: ApiServerSuite = {
      ...names,
      connection: plane.connection,
      namespace: names.name('ns'),
      client: (user = 'admin') => {
        const client = new KubeClient({
          server: plane.connection.server,
          caData: plane.connection.caData,
          token: plane.connection.tokens[user],
        });
        clients.push(client);
        return client;
      },
    };
    beforeAll(async () => {
      await suite.client().create({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: suite.namespace, labels: names.labels },
      });
    });
    afterAll(async () => {
      // The control plane is thrown away after the run; this only keeps a long watch-mode
      // session tidy. The namespace stays Terminating (no controller-manager), which is harmless.
      await suite.client().delete({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: suite.namespace },
      });
      for (const client of clients) client.close();
    });
    body(suite);
  });
}
