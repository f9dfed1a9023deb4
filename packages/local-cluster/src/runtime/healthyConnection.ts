import { KubeClient } from '../kube/KubeClient.ts';
import type { ControlPlaneConnection } from './ControlPlaneConnection.ts';
import { readJsonFile } from './LaunchPlan.ts';
import type { StateFiles } from './stateFiles.ts';
import { runningProcesses } from './stopControlPlane.ts';

/** The connection of a running, ready control plane in this state dir, if there is one. */
export async function healthyConnection(
  files: StateFiles,
): Promise<ControlPlaneConnection | undefined> {
  const connection = readJsonFile<ControlPlaneConnection>(files.connectionFile);
  if (!connection) return undefined;
  const alive = runningProcesses(files.stateDir).map(p => p.name);
  const needed = [
    'supervisor',
    'etcd',
    'kubeApiserver',
    ...(connection.karpenter
      ? ['kubeScheduler', 'kubeControllerManager', 'kwok', 'karpenter']
      : []),
  ];
  if (!needed.every(name => alive.includes(name))) return undefined;
  const client = new KubeClient({
    server: connection.server,
    caData: connection.caData,
    token: connection.tokens.admin,
  });
  try {
    await client.request('GET', '/readyz', { timeoutMs: 5_000 });
    return connection;
  } catch {
    return undefined;
  } finally {
    client.close();
  }
}
