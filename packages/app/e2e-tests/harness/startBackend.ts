import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PORTAL_URL } from './portalConfig.ts';
import { REPO_ROOT } from './paths.ts';
import { waitFor } from './progress.ts';

/** A running backend; `stop` ends its whole process group. */
export interface RunningBackend {
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts packages/backend the way `backstage-cli package start` does (its TypeScript loader,
 * NODE_ENV=development), but without the file watcher: other people edit this checkout while
 * the tests run, and a restart half-way would fail the run for no reason of its own.
 */
export async function startBackend(
  configFiles: string[],
  logFile: string,
): Promise<RunningBackend> {
  const require = createRequire(import.meta.url);
  const transform = require.resolve(
    '@backstage/cli-node/config/nodeTransform.cjs',
    { paths: [path.join(REPO_ROOT, 'node_modules/@backstage/cli')] },
  );
  const log = fs.openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      transform,
      'src/index.ts',
      ...configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: path.join(REPO_ROOT, 'packages/backend'),
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        // app-config.yaml refers to it; the e2e sets the user in its own file instead.
        NODEPOOLS_DEMO_USER: 'guest',
        ESBK_TSCONFIG_PATH: path.join(REPO_ROOT, 'tsconfig.json'),
      },
    },
  );
  fs.closeSync(log);
  const pid = child.pid!;
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });
  const stop = async () => {
    if (exited) return;
    const gone = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) process.kill(-pid, 'SIGKILL');
    }, 10_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      'the backend to answer /api/nodepools/health',
      async () => {
        if (exited) throw new Error(`the backend exited; see ${logFile}`);
        const res = await fetch(`${PORTAL_URL}/api/nodepools/health`);
        return res.ok ? true : undefined;
      },
      { timeoutMs: 240_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid, logFile, stop };
}
