import path from 'node:path';
import {
  startBackendProcess,
  type BackendProcess,
} from '@nodepools/browser-harness';
import { APP_DIR } from './paths.ts';

/** The app's backend, running; `stop` ends its process group. */
export interface AppBackend extends BackendProcess {
  url: string;
}

/**
 * Starts the app's packages/backend as `yarn start` would (the app's own Backstage TypeScript
 * loader), without the file watcher, and waits until it serves the app and the nodepools API.
 * The generated app-config uses in-memory SQLite, so every start begins with an empty database.
 */
export async function startAppBackend(options: {
  port: number;
  configFiles: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<AppBackend> {
  const url = `http://localhost:${options.port}`;
  const backend = await startBackendProcess({
    cwd: path.join(APP_DIR, 'packages/backend'),
    transform: path.join(
      APP_DIR,
      'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
    ),
    configFiles: options.configFiles,
    env: options.env,
    logFile: options.logFile,
    readyWhat: 'the backend to answer /api/nodepools/health and serve the app',
    ready: async () => {
      const health = await fetch(`${url}/api/nodepools/health`);
      const index = await fetch(url);
      return health.ok && index.ok;
    },
  });
  return { ...backend, url };
}
