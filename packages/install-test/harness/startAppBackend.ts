import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { APP_DIR } from './paths.ts';
import { waitFor } from './stage.ts';

/** The app's backend, running; `stop` ends its process group. */
export interface AppBackend {
  url: string;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the app's packages/backend as `yarn start` would (the app's own Backstage TypeScript
 * loader, NODE_ENV=development, which the guest provider needs), without the file watcher, and
 * waits until it serves the app and the nodepools API. The generated app-config uses in-memory
 * SQLite, so every start begins with an empty database.
 */
export async function startAppBackend(options: {
  port: number;
  configFiles: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
}): Promise<AppBackend> {
  const url = `http://localhost:${options.port}`;
  const transform = path.join(
    APP_DIR,
    'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
  );
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      transform,
      'src/index.ts',
      ...options.configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: path.join(APP_DIR, 'packages/backend'),
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...options.env, NODE_ENV: 'development' },
    },
  );
  fs.closeSync(log);
  let exited = false;
  const gone = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) process.kill(-child.pid!, 'SIGKILL');
    }, 10_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      'the backend to answer /api/nodepools/health and serve the app',
      async () => {
        if (exited)
          throw new Error(`the backend exited; see ${options.logFile}`);
        const health = await fetch(`${url}/api/nodepools/health`);
        const index = await fetch(url);
        return health.ok && index.ok ? true : undefined;
      },
      { timeoutMs: 240_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, logFile: options.logFile, stop };
}
