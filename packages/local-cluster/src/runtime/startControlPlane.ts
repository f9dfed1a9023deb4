import fs from 'node:fs';
import { ensureBinaries } from '../goBuild/ensureBinaries.ts';
import type { ControlPlaneBinaries } from '../goBuild/ensureBinaries.ts';
import { controlPlaneCrds } from '../kube/controlPlaneCrds.ts';
import type { KubeClient } from '../kube/KubeClient.ts';
import { printProgress, stepReporter } from '../util/progress.ts';
import type { ProgressListener } from '../util/progress.ts';
import { resolveLayout } from '../util/resolveLayout.ts';
import type { Layout, LayoutOptions } from '../util/resolveLayout.ts';
import { withDirLock } from '../util/withDirLock.ts';
import { PINNED_VERSIONS } from '../versions.ts';
import type { ControlPlaneVersions } from '../versions.ts';
import { connectionRecord } from './connectionRecord.ts';
import type { ControlPlaneConnection } from './ControlPlaneConnection.ts';
import { healthyConnection } from './healthyConnection.ts';
import { installClusterObjects } from './installClusterObjects.ts';
import { startKarpenterProcesses } from './karpenterProcesses.ts';
import { allocatePorts, launchProcesses } from './launchProcesses.ts';
import { readJsonFile, writeJsonFile } from './LaunchPlan.ts';
import type { ControlPlanePids } from './LaunchPlan.ts';
import { prepareStateDir } from './prepareStateDir.ts';
import { renderKubeconfig } from './renderKubeconfig.ts';
import { startFailure } from './startFailure.ts';
import { stateFiles } from './stateFiles.ts';
import type { StateFiles } from './stateFiles.ts';
import { stopControlPlane } from './stopControlPlane.ts';
import type { StopResult } from './stopControlPlane.ts';
import { waitForReady } from './waitForReady.ts';

/** Options of {@link startControlPlane}. */
export interface StartControlPlaneOptions extends LayoutOptions {
  versions?: ControlPlaneVersions;
  onProgress?: ProgressListener;
  /** Stop the control plane when this pid exits (a test runner); omit to keep it running. */
  watchPid?: number;
  /** With `watchPid`: delete the state dir when the watchdog fires (for temporary dirs). */
  removeStateDirOnWatchdog?: boolean;
  /** How long kube-apiserver may take to become ready (2 cores under load are slow). */
  readyTimeoutMs?: number;
  /**
   * Also run kube-scheduler, kube-controller-manager, kwok and Karpenter's kwok provider, with
   * Karpenter's own provider-neutral CRDs and a `KWOKNodeClass` named `default` instead of the
   * AWS provider's CRDs: NodePools then really get nodes. Off by default (API-server-only suites
   * stay fast). `true` or `false` replaces a running control plane of the other mode in the same
   * state dir; left out, a running one of either mode is reused.
   */
  karpenter?: boolean;
}

/** A running control plane: its connection details plus a way to stop it. */
export interface ControlPlane extends ControlPlaneConnection {
  connectionPath: string;
  /** True when a healthy control plane was already running in the state dir and was reused. */
  alreadyRunning: boolean;
  stop(): Promise<StopResult>;
}

/** What a process's log says when a port it was given is already taken. */
const PORT_CLASH = /address already in use/;
const PORT_CLASH_ATTEMPTS = 3;

/**
 * Starts etcd and kube-apiserver (building them first if needed), installs the Karpenter CRDs
 * and a sample EC2NodeClass, writes a kubeconfig and `connection.json`, and returns once the
 * CRDs are Established. The processes run detached under a supervisor until {@link ControlPlane.stop}
 * or `stopControlPlane(stateDir)`. Idempotent: a healthy control plane in the same state dir is
 * reused instead of started twice.
 */
export async function startControlPlane(
  options: StartControlPlaneOptions = {},
): Promise<ControlPlane> {
  const layout = resolveLayout(options);
  const files = stateFiles(layout.stateDir);
  const onProgress = options.onProgress ?? printProgress;
  fs.mkdirSync(layout.stateDir, { recursive: true, mode: 0o700 });

  return withDirLock(
    files.startLock,
    async () => {
      const existing = await healthyConnection(files);
      // Unasked (`karpenter` undefined), either mode that runs will do.
      if (
        existing &&
        (options.karpenter === undefined ||
          Boolean(existing.karpenter) === options.karpenter)
      )
        return handle(existing, files, true);
      // Leftovers of a crashed or half-stopped run would hold ports and data: clear them.
      await stopControlPlane(layout.stateDir);
      // A port freePort handed out can be taken by another process before ours binds it (two
      // suites starting planes at once): start again on other ports, a bounded number of times.
      for (let attempt = 1; ; attempt++) {
        try {
          return await startFresh(options, layout, files, onProgress);
        } catch (error) {
          const message =
            error instanceof Error ? error.message : String(error);
          if (attempt >= PORT_CLASH_ATTEMPTS || !PORT_CLASH.test(message))
            throw error;
          onProgress({
            step: 'start',
            message: `a port was taken by another process before ours bound it (attempt ${attempt}); starting again on other ports`,
            elapsedMs: 0,
          });
          await stopControlPlane(layout.stateDir);
        }
      }
    },
    {
      onWait: pid =>
        onProgress({
          step: 'start',
          message: `waiting for pid ${pid}, which is starting this control plane`,
          elapsedMs: 0,
        }),
    },
  );
}

/** Ensures the binaries of the mode, and says so when they all came from the cache. */
async function binariesStage(
  versions: ControlPlaneVersions,
  karpenterMode: boolean,
  cacheDir: string,
  onProgress: ProgressListener,
): Promise<{ binaries: ControlPlaneBinaries; binariesMs: number }> {
  const binariesStep = stepReporter('binaries', onProgress);
  const binaries = await ensureBinaries({
    versions,
    cacheDir,
    onProgress,
    karpenter: karpenterMode,
  });
  const binariesMs = binariesStep.elapsedMs();
  if (binaries.built.length === 0)
    binariesStep.report(
      `cached in ${cacheDir} (${versions.kubernetes}, etcd ${versions.etcd}${
        binaries.karpenter
          ? `, Karpenter ${binaries.karpenter.versions.karpenter}, kwok ${binaries.karpenter.versions.kwok}`
          : ''
      })`,
    );
  return { binaries, binariesMs };
}

/**
 * One start in a cleared state dir, in stages: CRDs located, binaries ensured, state dir prepared
 * (credentials), processes launched, API server ready, cluster objects installed, kubeconfig
 * written, Karpenter mode's processes started, `connection.json` written. A failure stops what
 * started and carries the logs' tails.
 */
async function startFresh(
  options: StartControlPlaneOptions,
  { cacheDir, repoRoot }: Layout,
  files: StateFiles,
  onProgress: ProgressListener,
): Promise<ControlPlane> {
  const versions = options.versions ?? PINNED_VERSIONS;
  const karpenterMode = options.karpenter === true;
  const readyTimeoutMs = options.readyTimeoutMs ?? 180_000;
  // The CRDs first: without them (no Go and not in the module cache) nothing is worth building.
  const crds = controlPlaneCrds(
    karpenterMode,
    stepReporter('crds', onProgress).report,
  );
  const { binaries, binariesMs } = await binariesStage(
    versions,
    karpenterMode,
    cacheDir,
    onProgress,
  );
  const tokens = prepareStateDir(files);
  const ports = await allocatePorts();

  const step = stepReporter('start', onProgress);
  const supervisorPid = launchProcesses(files, {
    binaries,
    ports,
    watchPid: options.watchPid,
    removeStateDirOnWatchdog: options.removeStateDirOnWatchdog,
    repoRoot,
  });
  step.report(
    `etcd on 127.0.0.1:${
      ports.controlPlane.etcdClient
    }, kube-apiserver on 127.0.0.1:${
      ports.controlPlane.apiserver
    } (supervisor pid ${supervisorPid}${
      options.watchPid ? `, stops when pid ${options.watchPid} exits` : ''
    })`,
  );

  const server = `https://127.0.0.1:${ports.controlPlane.apiserver}`;
  let admin: KubeClient | undefined;
  try {
    admin = await waitForReady(
      server,
      tokens.admin,
      files,
      supervisorPid,
      readyTimeoutMs,
    );
    const readyMs = step.elapsedMs();
    step.report('kube-apiserver /readyz ok');
    let crdsEstablishedMs = 0;
    const crdNames = await installClusterObjects(
      admin,
      crds,
      karpenterMode,
      names => {
        crdsEstablishedMs = step.elapsedMs();
        step.report(`CRDs Established: ${names.join(', ')}`);
      },
    );
    // Before the Karpenter-mode processes start: they connect with the admin context.
    fs.writeFileSync(
      files.kubeconfig,
      renderKubeconfig(server, admin.credentials.caData, tokens),
      { mode: 0o600 },
    );

    let karpenterReadyMs: number | undefined;
    if (karpenterMode) {
      step.report(
        'starting kube-scheduler, kube-controller-manager, kwok and Karpenter',
      );
      await startKarpenterProcesses(
        admin,
        files,
        supervisorPid,
        ports.karpenter.karpenterHealth,
        readyTimeoutMs,
      );
      karpenterReadyMs = step.elapsedMs();
      step.report('Karpenter /readyz ok, kube-controller-manager running');
    }

    const pids = readJsonFile<ControlPlanePids>(files.pidFile);
    if (!pids) throw new Error(`The supervisor wrote no ${files.pidFile}`);
    const connection = connectionRecord(files, {
      server,
      caData: admin.credentials.caData,
      tokens,
      ports,
      versions,
      binaries,
      pids,
      crdNames,
      timings: {
        binariesMs,
        readyMs,
        crdsEstablishedMs,
        ...(karpenterReadyMs !== undefined ? { karpenterReadyMs } : {}),
        totalFromSpawnMs: step.elapsedMs(),
      },
    });
    writeJsonFile(files.connectionFile, connection);
    step.report(`ready: ${server}; kubeconfig ${files.kubeconfig}`);
    return handle(connection, files, false);
  } catch (error) {
    await stopControlPlane(files.stateDir);
    throw startFailure(error, files, karpenterMode);
  } finally {
    admin?.close();
  }
}

function handle(
  connection: ControlPlaneConnection,
  files: StateFiles,
  alreadyRunning: boolean,
): ControlPlane {
  return {
    ...connection,
    connectionPath: files.connectionFile,
    alreadyRunning,
    stop: () => stopControlPlane(files.stateDir),
  };
}
