import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import {
  KubeClient,
  reconcilerIdentity,
  startControlPlane,
  type ControlPlane,
} from '@nodepools/local-cluster';
import { writePortalConfig } from './portalConfig.ts';
import { REPO_ROOT, createStateDir } from './paths.ts';
import { progress, timedStep } from './progress.ts';
import { startBackend, type RunningBackend } from './startBackend.ts';

/**
 * Whether the control plane runs Karpenter (kwok provider), so NodePools turn Ready and get
 * nodes; the Group page test then expects `ready` rather than `provisioning`. On, like the demo:
 * the demo config's `local` cluster offers the KWOKNodeClass that only Karpenter mode installs.
 */
export const WITH_KARPENTER = true;

/** Everything the tests talk to, and how to take it down. */
export interface Portal {
  stateDir: string;
  controlPlane: ControlPlane;
  /** The control plane's admin: sees what really landed in the cluster. */
  kubeAdmin: KubeClient;
  userFile: string;
  backend: RunningBackend;
  stop(): Promise<void>;
}

/**
 * Brings up the portal the way a user meets it: its own control plane (own state dir), the app
 * built and served by the backend, the backend with the demo config pointed at that control plane.
 * `NODEPOOLS_E2E_REUSE_BUILD=1` keeps an existing packages/app/dist (for iterating on the tests).
 */
export async function startPortal(): Promise<Portal> {
  const stateDir = createStateDir();
  progress(`state in ${stateDir}`);
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch(error =>
        progress(`cleanup failed: ${(error as Error).message}`),
      );
    }
    if (!process.env.NODEPOOLS_E2E_KEEP_STATE) {
      fs.rmSync(stateDir, { recursive: true, force: true });
    }
  };
  try {
    const controlPlane = await timedStep('control plane', () =>
      startControlPlane({
        stateDir: path.join(stateDir, 'cluster'),
        // Stops it if this process dies without cleaning up.
        watchPid: process.pid,
        removeStateDirOnWatchdog: true,
        onProgress: () => undefined,
        karpenter: WITH_KARPENTER,
      }),
    );
    cleanups.push(() => controlPlane.stop());
    const kubeAdmin = new KubeClient({
      server: controlPlane.server,
      caData: controlPlane.caData,
      token: controlPlane.tokens.admin,
    });
    const reconciler = await timedStep(
      'reconciler identity from plugins/nodepools-backend/deploy/nodepools-reconciler.yaml',
      () =>
        reconcilerIdentity(kubeAdmin, {
          fieldManager: 'nodepools-browser-tests',
          expirationSeconds: 7200,
        }),
    );
    const config = writePortalConfig(stateDir, controlPlane, reconciler);
    if (
      process.env.NODEPOOLS_E2E_REUSE_BUILD === '1' &&
      fs.existsSync(path.join(REPO_ROOT, 'packages/app/dist/index.html'))
    ) {
      progress('app build: reusing packages/app/dist');
    } else {
      await timedStep('app build (backstage-cli package build)', buildApp);
    }
    const backend = await timedStep('backend start', () =>
      startBackend(config.files, path.join(stateDir, 'backend.log')),
    );
    cleanups.push(() => backend.stop());
    return {
      stateDir,
      controlPlane,
      kubeAdmin,
      userFile: config.userFile,
      backend,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function buildApp(): Promise<void> {
  await promisify(execFile)('yarn', ['backstage-cli', 'package', 'build'], {
    cwd: path.join(REPO_ROOT, 'packages/app'),
    maxBuffer: 64 * 1024 * 1024,
  });
}
