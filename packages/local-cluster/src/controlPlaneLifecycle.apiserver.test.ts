import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeApiServer } from './jest/describeApiServer.ts';
import { readJsonFile } from './runtime/LaunchPlan.ts';
import type { ControlPlanePids } from './runtime/LaunchPlan.ts';
import { startControlPlane } from './runtime/startControlPlane.ts';
import { stateFiles } from './runtime/stateFiles.ts';
import { findSetpriv } from './util/findSetpriv.ts';
import { isProcessAlive } from './util/isProcessAlive.ts';

const quiet = () => undefined;

async function allGone(pids: number[], timeoutMs = 20_000): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isProcessAlive) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
  return pids.filter(isProcessAlive);
}

async function waitForFile<T>(file: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = readJsonFile<T>(file);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${file} did not appear`);
    await new Promise(r => setTimeout(r, 100));
  }
}

/**
 * A second control plane, started by a separate "test runner" process (plain node running the
 * package's TypeScript) that watches its own pid, as the Jest global setup does.
 */
function startInRunner(stateDir: string) {
  const entry = path.resolve(__dirname, 'index.ts');
  const options = JSON.stringify({ stateDir, removeStateDirOnWatchdog: true });
  const script =
    `import { startControlPlane } from ${JSON.stringify(`file://${entry}`)};` +
    `await startControlPlane({ ...${options}, watchPid: process.pid, onProgress: () => {} });` +
    'setInterval(() => {}, 1000);';
  return spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      '--input-type=module',
      '-e',
      script,
    ],
    { stdio: 'ignore', env: { ...process.env, NODE_OPTIONS: '' } },
  );
}

describeApiServer(
  'control plane lifecycle',
  () => {
    let stateDir: string;
    beforeEach(() => {
      stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nodepools-lifecycle-'));
    });
    afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

    it('is idempotent and stop() leaves no process behind', async () => {
      const first = await startControlPlane({
        stateDir,
        watchPid: process.pid,
        removeStateDirOnWatchdog: true,
        onProgress: quiet,
      });
      const second = await startControlPlane({
        stateDir,
        watchPid: process.pid,
        removeStateDirOnWatchdog: true,
        onProgress: quiet,
      });
      expect(first.alreadyRunning).toBe(false);
      expect(second.alreadyRunning).toBe(true);
      expect(second.server).toBe(first.server);
      const pids = Object.values(first.pids);
      expect(pids.every(isProcessAlive)).toBe(true);

      const result = await first.stop();
      expect(result).toEqual({ wasRunning: true, killed: [] });
      expect(await allGone(pids, 1_000)).toEqual([]);
      expect(fs.existsSync(stateFiles(stateDir).connectionFile)).toBe(false);
    });

    it('stops etcd and kube-apiserver when the test runner is SIGKILLed (watchdog)', async () => {
      const runner = startInRunner(stateDir);
      try {
        await waitForFile(stateFiles(stateDir).connectionFile);
        const pids = readJsonFile<ControlPlanePids>(
          stateFiles(stateDir).pidFile,
        )!;
        expect(Object.values(pids).every(isProcessAlive)).toBe(true);
        runner.kill('SIGKILL');
        expect(await allGone(Object.values(pids))).toEqual([]);
      } finally {
        runner.kill('SIGKILL');
      }
    });

    it('stops etcd and kube-apiserver when the supervisor itself is SIGKILLed (parent-death signal)', async () => {
      if (!findSetpriv()) {
        console.warn('No setpriv here: no parent-death signal to test');
        return;
      }
      const plane = await startControlPlane({
        stateDir,
        watchPid: process.pid,
        removeStateDirOnWatchdog: true,
        onProgress: quiet,
      });
      try {
        process.kill(plane.pids.supervisor, 'SIGKILL');
        expect(
          await allGone([plane.pids.etcd, plane.pids.kubeApiserver]),
        ).toEqual([]);
      } finally {
        await plane.stop();
      }
    });
  },
  { timeoutMs: 180_000 },
);
