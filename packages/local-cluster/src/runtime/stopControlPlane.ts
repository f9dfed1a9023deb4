import fs from 'node:fs';
import { isProcessAlive } from '../util/isProcessAlive.ts';
import { readJsonFile } from './LaunchPlan.ts';
import type { ControlPlanePids } from './LaunchPlan.ts';
import type { ControlPlaneConnection } from './ControlPlaneConnection.ts';
import { stateFiles } from './stateFiles.ts';

/** What {@link stopControlPlane} found and did. */
export interface StopResult {
  /** Some process of this control plane was running. */
  wasRunning: boolean;
  /** Processes that had to be SIGKILLed because they outlived the graceful stop. */
  killed: string[];
}

/**
 * True when the pid runs one of our processes for this state dir. Guards against pid reuse:
 * a pid file left by a crashed run may name an unrelated process by now.
 */
function belongsTo(pid: number, stateDir: string): boolean {
  if (!pid || !isProcessAlive(pid)) return false;
  try {
    if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(stateDir))
      return true;
  } catch {
    return true; // no /proc: trust the pid file
  }
  try {
    // Karpenter takes its kubeconfig (a file in the state dir) from the environment only.
    return fs.readFileSync(`/proc/${pid}/environ`, 'utf8').includes(stateDir);
  } catch {
    return false;
  }
}

/** The live processes of the control plane in `stateDir`, by name. */
export function runningProcesses(
  stateDir: string,
): Array<{ name: string; pid: number }> {
  const files = stateFiles(stateDir);
  const pids =
    readJsonFile<ControlPlanePids>(files.pidFile) ??
    readJsonFile<ControlPlaneConnection>(files.connectionFile)?.pids;
  if (!pids) return [];
  return (Object.entries(pids) as Array<[string, number]>)
    .filter(([, pid]) => belongsTo(pid, stateDir))
    .map(([name, pid]) => ({ name, pid }));
}

/**
 * Stops the control plane of a state dir: SIGTERM to the supervisor (which stops kube-apiserver,
 * then etcd), then SIGKILL for anything still alive after `graceMs`, including the supervisor's
 * whole process group. Safe to call when nothing runs.
 */
export async function stopControlPlane(
  stateDir: string,
  graceMs = 25_000,
): Promise<StopResult> {
  const files = stateFiles(stateDir);
  const running = runningProcesses(stateDir);
  const supervisor = running.find(p => p.name === 'supervisor');
  for (const p of supervisor ? [supervisor] : running) signal(p.pid, 'SIGTERM');

  const deadline = Date.now() + graceMs;
  while (running.some(p => isProcessAlive(p.pid)) && Date.now() < deadline) {
    await new Promise(r => setTimeout(r, 100));
  }
  const killed: string[] = [];
  for (const p of running.filter(r => isProcessAlive(r.pid))) {
    killed.push(p.name);
    // The supervisor leads its own process group (it was spawned detached).
    signal(p.name === 'supervisor' ? -p.pid : p.pid, 'SIGKILL');
  }
  fs.rmSync(files.pidFile, { force: true });
  fs.rmSync(files.connectionFile, { force: true });
  return { wasRunning: running.length > 0, killed };
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // exited meanwhile
  }
}
