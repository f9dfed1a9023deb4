import path from 'node:path';

/** The files of one control plane's runtime state directory. */
export function stateFiles(stateDir: string) {
  return {
    stateDir,
    etcdDataDir: path.join(stateDir, 'etcd-data'),
    certDir: path.join(stateDir, 'certs'),
    /** Written by kube-apiserver: its serving cert followed by the CA that signed it. */
    servingCert: path.join(stateDir, 'certs', 'apiserver.crt'),
    tokenFile: path.join(stateDir, 'tokens.csv'),
    serviceAccountPublicKey: path.join(stateDir, 'service-account.pub'),
    serviceAccountPrivateKey: path.join(stateDir, 'service-account.key'),
    etcdLog: path.join(stateDir, 'etcd.log'),
    apiserverLog: path.join(stateDir, 'kube-apiserver.log'),
    supervisorLog: path.join(stateDir, 'supervisor.log'),
    schedulerLog: path.join(stateDir, 'kube-scheduler.log'),
    controllerManagerLog: path.join(stateDir, 'kube-controller-manager.log'),
    kwokLog: path.join(stateDir, 'kwok.log'),
    karpenterLog: path.join(stateDir, 'karpenter.log'),
    pidFile: path.join(stateDir, 'pids.json'),
    connectionFile: path.join(stateDir, 'connection.json'),
    kubeconfig: path.join(stateDir, 'kubeconfig'),
    startLock: path.join(stateDir, '.start-lock'),
  };
}

/** The files of one control plane's runtime state directory. */
export type StateFiles = ReturnType<typeof stateFiles>;
