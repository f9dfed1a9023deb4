import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { isProcessAlive } from '../util/isProcessAlive.ts';
import { pidKey, readJsonFile, writeJsonFile } from './LaunchPlan.ts';
import type {
  ControlPlanePids,
  LaunchPlan,
  PlannedProcess,
} from './LaunchPlan.ts';

const GRACE_MS = 8_000;
const WATCH_INTERVAL_MS = 500;

function log(message: string): void {
  process.stdout.write(
    `${new Date().toISOString()} supervisor[${process.pid}] ${message}\n`,
  );
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(true);
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs the control plane's processes as its children and owns their lifetime. It is the one
 * process `stop` signals, and it stops them when
 * - it gets SIGTERM/SIGINT/SIGHUP (in reverse start order: Karpenter and the controllers first,
 *   then the apiserver, so nothing spins on a dead etcd),
 * - any child dies (a half control plane is worse than none: callers see it is gone),
 * - the watched pid (the test runner) disappears, even if that runner was SIGKILLed.
 * `plan.later` (Karpenter mode) starts on SIGUSR2, once the starter has installed the CRDs.
 * Each child also gets a parent-death SIGKILL through `setpriv`, so killing the supervisor
 * itself with SIGKILL still takes them down.
 */
export function runSupervisor(planFile: string): void {
  const plan = readJsonFile<LaunchPlan>(planFile);
  if (!plan) throw new Error(`Cannot read launch plan ${planFile}`);
  const children = new Map<string, ChildProcess>();
  const started: PlannedProcess[] = [];
  let stopping = false;

  const shutdown = async (
    reason: string,
    exitCode: number,
    removeState = false,
  ) => {
    if (stopping) return;
    stopping = true;
    log(`stopping: ${reason}`);
    for (const planned of [...started].reverse()) {
      const child = children.get(planned.name);
      if (!child) continue;
      child.kill('SIGTERM');
      if (!(await waitForExit(child, GRACE_MS))) {
        log(
          `${planned.name} ignored SIGTERM for ${GRACE_MS}ms; sending SIGKILL`,
        );
        child.kill('SIGKILL');
        await waitForExit(child, GRACE_MS);
      }
    }
    fs.rmSync(plan.pidFile, { force: true });
    log('stopped');
    if (removeState) fs.rmSync(plan.stateDir, { recursive: true, force: true });
    process.exit(exitCode);
  };

  const start = (planned: PlannedProcess) => {
    const out = fs.openSync(planned.logFile, 'a');
    const [command, args] = plan.setpriv
      ? [
          plan.setpriv,
          ['--pdeathsig', 'KILL', '--', planned.command, ...planned.args],
        ]
      : [planned.command, planned.args];
    // setpriv execs the binary, so the pid we get is the pid of the binary itself.
    const child = spawn(command, args, {
      stdio: ['ignore', out, out],
      env: { ...process.env, ...planned.env },
    });
    fs.closeSync(out);
    children.set(planned.name, child);
    started.push(planned);
    log(`started ${planned.name} pid ${child.pid}`);
    child.on(
      'error',
      error =>
        void shutdown(`${planned.name} failed to start: ${error.message}`, 1),
    );
    child.on('exit', (code, signal) => {
      log(`${planned.name} exited (${signal ?? `code ${code}`})`);
      void shutdown(`${planned.name} exited unexpectedly`, 1);
    });
  };

  const writePids = () => {
    const pids: Partial<ControlPlanePids> = { supervisor: process.pid };
    for (const planned of started) {
      pids[pidKey(planned.name)] = children.get(planned.name)?.pid ?? 0;
    }
    writeJsonFile(plan.pidFile, pids);
  };

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(`received ${signal}`, 0));
  }
  process.on('SIGUSR2', () => {
    if (stopping || started.length > plan.processes.length) return;
    for (const planned of plan.later ?? []) start(planned);
    writePids();
  });

  for (const planned of plan.processes) start(planned);
  writePids();

  const watchPid = plan.watchPid;
  if (watchPid) {
    log(`watching pid ${watchPid}`);
    setInterval(() => {
      if (!isProcessAlive(watchPid)) {
        const reason = `watched pid ${watchPid} is gone`;
        void shutdown(reason, 0, plan.removeStateDirOnWatchdog);
      }
    }, WATCH_INTERVAL_MS);
  }
}
