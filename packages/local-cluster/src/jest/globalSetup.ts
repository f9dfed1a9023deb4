import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binariesCached, ensureBinaries } from '../goBuild/ensureBinaries.ts';
import { findGo } from '../goBuild/findGo.ts';
import { karpenterCrdsUnavailable } from '../karpenterCrds/karpenterModule.ts';
import { readJsonFile } from '../runtime/LaunchPlan.ts';
import type { ControlPlanePids } from '../runtime/LaunchPlan.ts';
import { startControlPlane } from '../runtime/startControlPlane.ts';
import { stateFiles } from '../runtime/stateFiles.ts';
import { printProgress } from '../util/progress.ts';
import { resolveLayout } from '../util/resolveLayout.ts';
import { isCi, TEST_ENV, testRunState } from './testRunState.ts';

/** Why this machine cannot start a control plane: no Go, and binaries or CRDs not cached. */
async function skipReason(cacheDir: string): Promise<string | undefined> {
  if (findGo()) return undefined;
  if (!(await binariesCached(cacheDir)))
    return `go is not on PATH and etcd/kube-apiserver are not cached in ${cacheDir}`;
  return karpenterCrdsUnavailable(['aws']);
}

/**
 * Jest global setup: starts one control plane for the whole test run in a temporary state dir,
 * watched by this process's pid so it dies with the run even when the run is killed.
 * Without Go (and without cached binaries and Karpenter CRDs) it records a skip reason instead,
 * or fails under CI.
 */
export default async function globalSetup(): Promise<void> {
  const run = testRunState();
  run.setups += 1;
  if (run.setups > 1) return; // another Jest project of this run already did it

  const { cacheDir } = resolveLayout();
  const reason = await skipReason(cacheDir);
  if (reason) {
    if (isCi()) {
      throw new Error(
        `${reason}. CI must run the API server suites: .ci/run installs Go.`,
      );
    }
    process.env[TEST_ENV.skipReason] = reason;
    process.stderr.write(
      `\n[local-cluster] API server suites will be SKIPPED: ${reason}.\n`,
    );
    return;
  }

  // A cold build prints its progress here, in the main process, where the terminal sees it.
  await ensureBinaries({ cacheDir, onProgress: printProgress });
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'nodepools-control-plane-'),
  );
  run.stateDir = stateDir;
  // Last resort if the teardown never runs (an error in another global setup, process.exit):
  // the watchdog covers signals, this covers a plain exit a little sooner.
  process.once('exit', () => {
    const pids = readJsonFile<ControlPlanePids>(stateFiles(stateDir).pidFile);
    if (pids) {
      try {
        process.kill(pids.supervisor, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  });
  const plane = await startControlPlane({
    stateDir,
    watchPid: process.pid,
    removeStateDirOnWatchdog: process.env.NODEPOOLS_KEEP_TEST_STATE !== '1',
    onProgress: event => {
      if (event.step !== 'start' || event.message.startsWith('ready'))
        printProgress(event);
    },
  });
  process.env[TEST_ENV.connection] = plane.connectionPath;
}
