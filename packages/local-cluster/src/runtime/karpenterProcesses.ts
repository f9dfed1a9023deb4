import http from 'node:http';
import type { KarpenterBinaries } from '../goBuild/ensureBinaries.ts';
import type { KubeClient } from '../kube/KubeClient.ts';
import { isProcessAlive } from '../util/isProcessAlive.ts';
import {
  karpenterArgs,
  kubeControllerManagerArgs,
  kubeSchedulerArgs,
  kwokArgs,
} from './karpenterArgs.ts';
import type { KarpenterInstance } from './karpenterArgs.ts';
import { readJsonFile } from './LaunchPlan.ts';
import type { ControlPlanePids, PlannedProcess } from './LaunchPlan.ts';
import type { StateFiles } from './stateFiles.ts';

/** What Karpenter mode runs after the CRDs are in, in start order (stopped in reverse). */
export function karpenterProcesses(
  binaries: KarpenterBinaries,
  instance: KarpenterInstance,
  files: StateFiles,
): PlannedProcess[] {
  const karpenter = karpenterArgs(instance);
  return [
    {
      name: 'kube-scheduler',
      command: binaries.kubeScheduler,
      args: kubeSchedulerArgs(instance),
      logFile: files.schedulerLog,
    },
    {
      name: 'kube-controller-manager',
      command: binaries.kubeControllerManager,
      args: kubeControllerManagerArgs(instance),
      logFile: files.controllerManagerLog,
    },
    {
      name: 'kwok',
      command: binaries.kwok,
      args: kwokArgs(instance),
      logFile: files.kwokLog,
    },
    {
      name: 'karpenter',
      command: binaries.karpenterKwok,
      args: karpenter.args,
      env: karpenter.env,
      logFile: files.karpenterLog,
    },
  ];
}

function healthz(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const req = http.get(
      { host: '127.0.0.1', port, path: '/readyz', timeout: 2_000 },
      res => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

async function serviceAccountExists(admin: KubeClient): Promise<boolean> {
  try {
    await admin.request(
      'GET',
      '/api/v1/namespaces/default/serviceaccounts/default',
    );
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks the supervisor to start the Karpenter-mode processes and waits until they work:
 * Karpenter's `/readyz` (its caches synced and its CRDs mapped) and the `default` ServiceAccount,
 * which only a running kube-controller-manager creates. The scheduler and kwok have nothing to
 * ask; a crash of any of them stops the supervisor, which fails this wait at once.
 */
export async function startKarpenterProcesses(
  admin: KubeClient,
  files: StateFiles,
  supervisorPid: number,
  healthPort: number,
  timeoutMs: number,
): Promise<ControlPlanePids> {
  process.kill(supervisorPid, 'SIGUSR2');
  const deadline = Date.now() + timeoutMs;
  let waitingFor = 'the supervisor to start them';
  for (;;) {
    if (!isProcessAlive(supervisorPid)) {
      throw new Error(
        `The control plane exited while waiting for ${waitingFor} (see the logs in ${files.stateDir})`,
      );
    }
    const pids = readJsonFile<ControlPlanePids>(files.pidFile);
    if (pids?.karpenter) {
      waitingFor = "Karpenter's /readyz";
      if (await healthz(healthPort)) {
        waitingFor =
          'kube-controller-manager to create the default ServiceAccount';
        if (await serviceAccountExists(admin)) return pids;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Karpenter mode not ready after ${timeoutMs}ms: waiting for ${waitingFor}`,
      );
    }
    await new Promise(r => setTimeout(r, 250));
  }
}
