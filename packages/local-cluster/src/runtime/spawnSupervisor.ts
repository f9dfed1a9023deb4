import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { findPackageDir } from '../util/findPackageDir.ts';
import { writeJsonFile } from './LaunchPlan.ts';
import type { LaunchPlan } from './LaunchPlan.ts';

/**
 * Starts the supervisor detached, in its own session and process group: it must outlive
 * `yarn cluster:start`, and a Ctrl-C aimed at a test run must reach it through its watchdog
 * (so it can stop the apiserver before etcd) rather than as a raw SIGINT to the whole group.
 * Returns the supervisor's pid.
 */
export function spawnSupervisor(plan: LaunchPlan, repoRoot?: string): number {
  const planFile = path.join(plan.stateDir, 'launch-plan.json');
  writeJsonFile(planFile, plan);
  const script = path.join(
    findPackageDir(repoRoot),
    'src',
    'runtime',
    'supervisorMain.ts',
  );
  const out = fs.openSync(path.join(plan.stateDir, 'supervisor.log'), 'a');
  const child = spawn(
    process.execPath,
    // The flag is a no-op where type stripping is on by default (Node >= 22.18) and enables it
    // on older Node 22 releases.
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      script,
      planFile,
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      // Jest and yarn put loaders and flags into NODE_OPTIONS that the supervisor must not inherit.
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  fs.closeSync(out);
  child.unref();
  if (!child.pid) throw new Error(`Could not start the supervisor (${script})`);
  return child.pid;
}
