/** Ports and files one control plane instance uses. */
export interface InstanceFiles {
  stateDir: string;
  etcdDataDir: string;
  certDir: string;
  tokenFile: string;
  serviceAccountPublicKey: string;
  serviceAccountPrivateKey: string;
}

/** Free loopback ports picked for one start. */
export interface InstancePorts {
  etcdClient: number;
  etcdPeer: number;
  apiserver: number;
}

/**
 * etcd as a single throwaway member on loopback. `--unsafe-no-fsync` trades durability (which a
 * test cluster does not need) for much faster writes on slow disks.
 */
export function etcdArgs(files: InstanceFiles, ports: InstancePorts): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    '--name=default',
    `--data-dir=${files.etcdDataDir}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=default=${peer}`,
    '--unsafe-no-fsync=true',
    '--log-level=warn',
  ];
}

/**
 * kube-apiserver the envtest way, with static tokens instead of client certificates: a token file
 * is all a TypeScript harness needs to give RBAC real users to check.
 */
export function kubeApiserverArgs(
  files: InstanceFiles,
  ports: InstancePorts,
): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    // No --tls-cert-file: the apiserver self-signs a CA and serving cert (SAN 127.0.0.1) here.
    `--cert-dir=${files.certDir}`,
    `--secure-port=${ports.apiserver}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    // The default reconciler would write 127.0.0.1 into the `kubernetes` Endpoints, which
    // endpoint validation refuses, logging an error every few seconds.
    '--endpoint-reconciler-type=none',
    '--service-cluster-ip-range=10.0.0.0/24',
    '--allow-privileged=true',
    // ServiceAccount admission requires the `default` service account, which only
    // kube-controller-manager creates; without it no pod could be created.
    '--disable-admission-plugins=ServiceAccount',
    '--authorization-mode=RBAC',
    `--token-auth-file=${files.tokenFile}`,
    `--service-account-issuer=https://127.0.0.1:${ports.apiserver}`,
    `--service-account-key-file=${files.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${files.serviceAccountPrivateKey}`,
    '--profiling=false',
    '--v=0',
  ];
}
