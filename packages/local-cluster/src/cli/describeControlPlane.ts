import type { ControlPlaneConnection } from '../runtime/ControlPlaneConnection.ts';
import { processRssBytes } from '../runtime/processMemory.ts';

const mib = (bytes: number | undefined) =>
  bytes === undefined ? '?' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** Human summary of a running control plane: where it is, how to use it, what it costs. */
export function describeControlPlane(
  connection: ControlPlaneConnection,
): string {
  const { pids, timings } = connection;
  const processes: Array<[string, number | undefined]> = [
    ['etcd', pids.etcd],
    ['kube-apiserver', pids.kubeApiserver],
    ['kube-scheduler', pids.kubeScheduler],
    ['kube-controller-manager', pids.kubeControllerManager],
    ['kwok', pids.kwok],
    ['karpenter', pids.karpenter],
  ];
  const running = processes.filter(
    (p): p is [string, number] => p[1] !== undefined,
  );
  const rss = running.map(
    ([name, pid]) => [name, processRssBytes(pid)] as const,
  );
  const total = rss.reduce((sum, [, bytes]) => sum + (bytes ?? 0), 0);
  const karpenter = connection.karpenter;
  return [
    `  server:      ${connection.server} (Kubernetes ${connection.versions.kubernetes}, etcd ${connection.versions.etcd})`,
    ...(karpenter
      ? [
          `  karpenter:   ${karpenter.versions.karpenter} (kwok provider) with kwok ${karpenter.versions.kwok}; node class ${karpenter.nodeClassRef.kind} ${karpenter.nodeClassRef.name}; metrics ${karpenter.metricsUrl}`,
        ]
      : []),
    `  kubeconfig:  ${connection.kubeconfigPath}  (contexts: ${Object.values(
      connection.contexts,
    ).join(', ')})`,
    `  connection:  ${connection.stateDir}/connection.json`,
    `  CRDs:        ${connection.crds.join(', ')}`,
    `  pids:        supervisor ${pids.supervisor}, ${running
      .map(([name, pid]) => `${name} ${pid}`)
      .join(', ')}`,
    `  memory:      ${rss
      .map(([name, bytes]) => `${name} ${mib(bytes)}`)
      .join(' + ')} = ${mib(total)} RSS (supervisor ${mib(
      processRssBytes(pids.supervisor),
    )})`,
    `  start:       ready ${timings.readyMs} ms, CRDs Established ${
      timings.crdsEstablishedMs
    } ms${
      timings.karpenterReadyMs !== undefined
        ? `, Karpenter ready ${timings.karpenterReadyMs} ms`
        : ''
    } after spawn`,
    karpenter
      ? `  try:         KUBECONFIG=${connection.kubeconfigPath} kubectl get nodepools,nodeclaims,nodes`
      : `  try:         KUBECONFIG=${connection.kubeconfigPath} kubectl get nodepools,ec2nodeclasses`,
    '',
  ].join('\n');
}
