import type { ControlPlaneBinaries } from '../goBuild/ensureBinaries.ts';
import { findSetpriv } from '../util/findSetpriv.ts';
import { freePort } from '../util/freePort.ts';
import type { InstancePorts } from './controlPlaneArgs.ts';
import { etcdArgs, kubeApiserverArgs } from './controlPlaneArgs.ts';
import type { KarpenterInstance } from './karpenterArgs.ts';
import { karpenterProcesses } from './karpenterProcesses.ts';
import { spawnSupervisor } from './spawnSupervisor.ts';
import type { StateFiles } from './stateFiles.ts';

/** The loopback ports of one start: the control plane's, and Karpenter mode's. */
export interface StartPorts {
  controlPlane: InstancePorts;
  karpenter: KarpenterInstance['ports'];
}

/** Free loopback ports for every process a start may run (Karpenter mode's too, unused otherwise). */
export async function allocatePorts(): Promise<StartPorts> {
  return {
    controlPlane: {
      etcdClient: await freePort(),
      etcdPeer: await freePort(),
      apiserver: await freePort(),
    },
    karpenter: {
      kwokServer: await freePort(),
      karpenterMetrics: await freePort(),
      karpenterHealth: await freePort(),
    },
  };
}

/** What {@link launchProcesses} needs besides the state files. */
export interface LaunchOptions {
  binaries: ControlPlaneBinaries;
  ports: StartPorts;
  watchPid?: number;
  removeStateDirOnWatchdog?: boolean;
  repoRoot?: string;
}

/**
 * Starts the supervisor, which runs etcd and kube-apiserver at once and, in Karpenter mode, holds
 * the scheduler, controller-manager, kwok and Karpenter until it is told the CRDs are in.
 * Returns the supervisor's pid.
 */
export function launchProcesses(
  files: StateFiles,
  {
    binaries,
    ports,
    watchPid,
    removeStateDirOnWatchdog,
    repoRoot,
  }: LaunchOptions,
): number {
  return spawnSupervisor(
    {
      stateDir: files.stateDir,
      pidFile: files.pidFile,
      watchPid,
      removeStateDirOnWatchdog,
      setpriv: findSetpriv(),
      processes: [
        {
          name: 'etcd',
          command: binaries.etcd,
          args: etcdArgs(files, ports.controlPlane),
          logFile: files.etcdLog,
        },
        {
          name: 'kube-apiserver',
          command: binaries.kubeApiserver,
          args: kubeApiserverArgs(files, ports.controlPlane),
          logFile: files.apiserverLog,
        },
      ],
      ...(binaries.karpenter
        ? {
            later: karpenterProcesses(
              binaries.karpenter,
              {
                kubeconfig: files.kubeconfig,
                serviceAccountPrivateKey: files.serviceAccountPrivateKey,
                servingCert: files.servingCert,
                ports: ports.karpenter,
              },
              files,
            ),
          }
        : {}),
    },
    repoRoot,
  );
}
