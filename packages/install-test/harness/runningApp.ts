import path from 'node:path';
import {
  freePort,
  KubeClient,
  reconcilerIdentity,
  startControlPlane,
  type ControlPlane,
} from '@nodepools/local-cluster';
import { markNodeClassReady } from './readyNodeClass.ts';
import { stage } from './stage.ts';
import { startAppBackend, type AppBackend } from './startAppBackend.ts';
import {
  writeTestConfig,
  type AppNodePoolsConfig,
  type TestConfigFiles,
} from './testConfig.ts';

/** The app's backend against its own control plane, and how to take both down. */
export interface RunningApp {
  controlPlane: ControlPlane;
  /** The control plane's admin, to see what really landed in the cluster. */
  kubeAdmin: KubeClient;
  backend: AppBackend;
  config: TestConfigFiles;
  stop(): Promise<void>;
}

/**
 * Starts an API-server-only control plane in the run's state dir, does there what the backend
 * README has an operator do (apply the shipped reconciler RBAC, mint its token) plus what
 * Karpenter would (the node class Ready) and what the team has (its namespace), then starts the
 * app's backend with the cluster in the three variables the README's config reads.
 */
export async function startRunningApp(
  stateDir: string,
  nodepools: AppNodePoolsConfig,
  namespace: string,
): Promise<RunningApp> {
  const controlPlane = await stage(
    'start the control plane (kube-apiserver only)',
    () =>
      startControlPlane({
        stateDir: path.join(stateDir, 'cluster'),
        // Stops it if this process dies without cleaning up.
        watchPid: process.pid,
        removeStateDirOnWatchdog: true,
        onProgress: () => undefined,
        karpenter: false,
      }),
  );
  try {
    const kubeAdmin = new KubeClient({
      server: controlPlane.server,
      caData: controlPlane.caData,
      token: controlPlane.tokens.admin,
    });
    const reconciler = await reconcilerIdentity(kubeAdmin, {
      fieldManager: 'nodepools-install-test',
      expirationSeconds: 7200,
    });
    await markNodeClassReady(kubeAdmin);
    await kubeAdmin.request('POST', '/api/v1/namespaces', {
      body: {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace },
      },
    });
    const port = await freePort();
    const config = writeTestConfig(stateDir, port, nodepools);
    const backend = await stage('start the backend', () =>
      startAppBackend({
        port,
        configFiles: config.files,
        logFile: path.join(stateDir, 'backend.log'),
        env: {
          ...process.env,
          NODEPOOLS_CLUSTER_URL: controlPlane.server,
          NODEPOOLS_CLUSTER_CA_DATA: controlPlane.caData,
          NODEPOOLS_CLUSTER_TOKEN: reconciler.token,
        },
      }),
    );
    const stop = async () => {
      await backend.stop();
      await controlPlane.stop();
    };
    return { controlPlane, kubeAdmin, backend, config, stop };
  } catch (error) {
    await controlPlane.stop();
    throw error;
  }
}
