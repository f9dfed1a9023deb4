import {
  startBackendProcess,
  type BackendProcess,
} from '@nodepools/browser-harness';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PORTAL_URL } from './portalConfig.ts';
import { REPO_ROOT } from './paths.ts';

/** A running backend; `stop` ends its whole process group. */
export type RunningBackend = BackendProcess;

/** Starts this repository's packages/backend, without the watcher, as the guest user's portal. */
export async function startBackend(
  configFiles: string[],
  logFile: string,
): Promise<RunningBackend> {
  const require = createRequire(import.meta.url);
  const transform = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
    { paths: [path.join(REPO_ROOT, 'node_modules/@backstage/cli')] },
  );
  return startBackendProcess({
    cwd: path.join(REPO_ROOT, 'packages/backend'),
    transform,
    configFiles,
    logFile,
    env: {
      ...process.env,
      // app-config.yaml refers to it; the e2e sets the user in its own file instead.
      NODEPOOLS_DEMO_USER: 'guest',
      ESBK_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'),
    },
    readyWhat: 'the backend to answer /api/nodepools/health',
    ready: async () => (await fetch(`${PORTAL_URL}/api/nodepools/health`)).ok,
  });
}
