/** Files and ports the Karpenter-mode processes use. */
export interface KarpenterInstance {
  /** The admin kubeconfig: the components act as `system:masters` on this throwaway cluster. */
  kubeconfig: string;
  serviceAccountPrivateKey: string;
  /** The apiserver's serving cert bundle, handed to pods as the cluster CA. */
  servingCert: string;
  ports: {
    kwokServer: number;
    karpenterMetrics: number;
    karpenterHealth: number;
  };
}

/** The annotation Karpenter's kwok provider puts on the nodes it creates; kwok manages only those. */
export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node=fake';

/**
 * kube-scheduler: Karpenter only provisions for pods the scheduler has marked Unschedulable, and
 * something must bind pods to the nodes that appear. No leader election (one instance), and no
 * HTTPS endpoint (`--secure-port=0`): nothing scrapes it and a fixed port would clash.
 */
export function kubeSchedulerArgs(instance: KarpenterInstance): string[] {
  return [
    `--kubeconfig=${instance.kubeconfig}`,
    '--leader-elect=false',
    '--secure-port=0',
    '--v=0',
  ];
}

/**
 * kube-controller-manager: Deployments and ReplicaSets, garbage collection (NodeClaims owned by
 * a deleted NodePool), namespace deletion, service accounts. The signing key lets its token
 * controller mint service account tokens that the apiserver accepts.
 */
export function kubeControllerManagerArgs(
  instance: KarpenterInstance,
): string[] {
  return [
    `--kubeconfig=${instance.kubeconfig}`,
    '--leader-elect=false',
    '--secure-port=0',
    `--service-account-private-key-file=${instance.serviceAccountPrivateKey}`,
    `--root-ca-file=${instance.servingCert}`,
    '--v=0',
  ];
}

/**
 * kwok as the fake kubelet of Karpenter's nodes only (the annotation its provider sets), with its
 * built-in stages: nodes become Ready and keep a lease, bound pods become Running.
 */
export function kwokArgs(instance: KarpenterInstance): string[] {
  return [
    `--kubeconfig=${instance.kubeconfig}`,
    '--manage-all-nodes=false',
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}`,
    `--server-address=127.0.0.1:${instance.ports.kwokServer}`,
  ];
}

/**
 * Karpenter's kwok provider reads its settings from flags or environment. The kubeconfig can only
 * come from `KUBECONFIG` (its own flag set refuses `--kubeconfig`), so `stop` recognises this
 * process by its environment rather than its command line. The batch windows are shortened from 1 s idle / 10 s max: a test creates its pods at once,
 * and waiting 10 s per scale-up only makes the suite slower.
 */
export function karpenterArgs(instance: KarpenterInstance): {
  args: string[];
  env: Record<string, string>;
} {
  return {
    args: [
      '--disable-leader-election=true',
      `--metrics-port=${instance.ports.karpenterMetrics}`,
      `--health-probe-port=${instance.ports.karpenterHealth}`,
      '--batch-idle-duration=500ms',
      '--batch-max-duration=3s',
      '--log-level=info',
    ],
    env: { KUBECONFIG: instance.kubeconfig },
  };
}
