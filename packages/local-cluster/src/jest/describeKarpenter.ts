/* eslint-disable jest/no-export, jest/valid-title, jest/no-disabled-tests, jest/expect-expect --
   a helper that declares suites for test files, not a test file itself */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeClient } from '../kube/KubeClient.ts';
import type { ControlPlaneConnection } from '../runtime/ControlPlaneConnection.ts';
import type { ControlPlaneUser } from '../runtime/controlPlaneUsers.ts';
import { startControlPlane } from '../runtime/startControlPlane.ts';
import type { ControlPlane } from '../runtime/startControlPlane.ts';
import { suiteNames } from './suiteNames.ts';
import type { SuiteNames } from './suiteNames.ts';
import { TEST_ENV } from './testRunState.ts';

/** What a Karpenter suite gets: a control plane of its own with Karpenter running. */
export interface KarpenterSuite extends SuiteNames {
  /** Available from the first hook on (the plane starts in `beforeAll`). */
  readonly connection: ControlPlaneConnection;
  /** Milliseconds the warm start took (binaries cached). */
  readonly startMs: number;
  /** A client authenticated as one of the control plane's users (admin by default). */
  client(user?: ControlPlaneUser): KubeClient;
}

/**
 * `describe` for suites that need real Karpenter: starts a control plane in Karpenter mode in a
 * temporary state dir of its own (so the run's shared API-server-only plane stays as it is),
 * watched by this worker's pid, and stops it after the suite. Needs the package's Jest
 * `globalSetup` to be `@nodepools/local-cluster/src/jest/karpenterGlobalSetup.ts`; skipped, with
 * the reason in its title, when that setup found no Go and no cached binaries (never in CI).
 */
export function describeKarpenter(
  title: string,
  body: (suite: KarpenterSuite) => void,
  options: { timeoutMs?: number; startTimeoutMs?: number } = {},
): void {
  const skipReason = process.env[TEST_ENV.karpenterSkipReason];
  if (skipReason) {
    console.warn(`Skipping "${title}": ${skipReason}`);
    describe.skip(`${title} (skipped: ${skipReason})`, () => {
      it('needs Karpenter on a real control plane', () => undefined);
    });
    return;
  }
  if (process.env[TEST_ENV.karpenterBinaries] !== 'cached') {
    throw new Error(
      'No Karpenter binaries: set "globalSetup" to @nodepools/local-cluster/src/jest/karpenterGlobalSetup.ts ' +
        'in the "jest" field of package.json (see packages/local-cluster/README.md).',
    );
  }
  describe(title, () => {
    jest.setTimeout(options.timeoutMs ?? 120_000);
    const names = suiteNames();
    const clients: KubeClient[] = [];
    let plane: ControlPlane | undefined;
    let startMs = 0;
    let stateDir: string | undefined;
    const started = () => {
      if (!plane)
        throw new Error('The Karpenter control plane has not started');
      return plane;
    };
    const suite: KarpenterSuite = {
      ...names,
      get connection() {
        return started();
      },
      get startMs() {
        return startMs;
      },
      client: (user = 'admin') => {
        const connection = started();
        const client = new KubeClient({
          server: connection.server,
          caData: connection.caData,
          token: connection.tokens[user],
        });
        clients.push(client);
        return client;
      },
    };
    beforeAll(async () => {
      const startedAt = Date.now();
      // Made here, not while collecting: a suite filtered out entirely runs no hooks to remove it.
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodepools-karpenter-'));
      plane = await startControlPlane({
        stateDir,
        karpenter: true,
        watchPid: process.pid,
        removeStateDirOnWatchdog: process.env.NODEPOOLS_KEEP_TEST_STATE !== '1',
        onProgress: () => undefined,
      });
      startMs = Date.now() - startedAt;
    }, options.startTimeoutMs ?? 240_000);
    afterAll(async () => {
      for (const client of clients) client.close();
      await plane?.stop();
      if (!stateDir) return;
      if (process.env.NODEPOOLS_KEEP_TEST_STATE === '1') {
        console.warn(`Kept the Karpenter control plane state in ${stateDir}`);
      } else {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    }, 60_000);
    body(suite);
  });
}
