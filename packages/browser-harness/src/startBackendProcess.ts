import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { waitFor } from './waitFor.ts';

/** How to start a Backstage backend package and tell when it is up. */
export interface BackendProcessOptions {
  /** The backend package's folder (it runs `src/index.ts` there). */
  cwd: string;
  /** Backstage's TypeScript loader, `@backstage/cli-node/config/nodeTransform.cjs`. */
  transform: string;
  configFiles: string[];
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** What `ready` waits for, in the timeout's message. */
  readyWhat: string;
  /** True once the backend serves what the caller needs. */
  ready(): Promise<boolean>;
}

/** A running backend; `stop` ends its whole process group. */
export interface BackendProcess {
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts a backend the way `backstage-cli package start` does (its TypeScript loader,
 * NODE_ENV=development, which the guest provider needs), but without the file watcher: other
 * people edit the checkout while the tests run, and a restart half-way would fail the run for no
 * reason of its own. Waits until `ready`, and stops the backend if it never is.
 */
export async function startBackendProcess(
  options: BackendProcessOptions,
): Promise<BackendProcess> {
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      options.transform,
      'src/index.ts',
      ...options.configFiles.flatMap(file => ['--config', file]),
    ],
    {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...options.env, NODE_ENV: 'development' },
    },
  );
  fs.closeSync(log);
  const pid = child.pid!;
  let exited = false;
  const gone = new Promise<void>(resolve =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (!exited) process.kill(-pid, 'SIGKILL');
    }, 10_000);
    await gone;
    clearTimeout(timer);
  };
  try {
    await waitFor(
      options.readyWhat,
      async () => {
        if (exited)
          throw new Error(`the backend exited; see ${options.logFile}`);
        return (await options.ready()) ? true : undefined;
      },
      { timeoutMs: 240_000 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid, logFile: options.logFile, stop };
}
