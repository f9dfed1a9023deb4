import type { ControlPlaneConnection } from '../runtime/ControlPlaneConnection.ts';
import { processRssBytes } from '../runtime/processMemory.ts';

const mib = (bytes: number | undefined) =>
  bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Human summary of a running control plane: where it is, how to use it, what it costs. */
export function describeControlPlane(
  connection: ControlPlaneConnection,
): string {
  const { pids, timings } = connection;
  const etcd = processRssBytes(pids.etcd);
  const apiserver = processRssBytes(pids.kubeApiserver);
  const supervisor = processRssBytes(pids.supervisor);
  return [
    `  server:      ${connection.server} (Kubernetes ${connection.versions.kubernetes}, etcd ${connection.versions.etcd})`,
    `  kubeconfig:  ${connection.kubeconfigPath}  (contexts: ${Object.values(
      connection.contexts,
    ).join(', ')})`,
    `  connection:  ${connection.stateDir}/connection.json`,
    `  CRDs:        ${connection.crds.join(', ')}`,
    `  pids:        supervisor ${pids.supervisor}, etcd ${pids.etcd}, kube-apiserver ${pids.kubeApiserver}`,
    `  memory:      etcd ${mib(etcd)} + kube-apiserver ${mib(
      apiserver,
    )} = ${mib((etcd ?? 0) + (apiserver ?? 0))} RSS (supervisor ${mib(
      supervisor,
    )})`,
    `  start:       ready ${timings.readyMs} ms, CRDs Established ${timings.crdsEstablishedMs} ms after spawn`,
    `  try:         KUBECONFIG=${connection.kubeconfigPath} kubectl get nodepools,ec2nodeclasses`,
    '',
  ].join('\n');
}
