import crypto from 'node:crypto';
import fs from 'node:fs';
import { ensureBinaries } from '../goBuild/ensureBinaries.ts';
import { bootstrapRbac } from '../kube/bootstrapRbac.ts';
import { controlPlaneCrds } from '../kube/controlPlaneCrds.ts';
import { applyCustomObject, installCrds } from '../kube/installCrds.ts';
import { KubeClient } from '../kube/KubeClient.ts';
import { SAMPLE_EC2_NODE_CLASS } from '../kube/sampleEc2NodeClass.ts';
import { SAMPLE_KWOK_NODE_CLASS } from '../kube/sampleKwokNodeClass.ts';
import { findSetpriv } from '../util/findSetpriv.ts';
import { freePort } from '../util/freePort.ts';
import { isProcessAlive } from '../util/isProcessAlive.ts';
import { printProgress, stepReporter } from '../util/progress.ts';
import type { ProgressListener } from '../util/progress.ts';
import { resolveLayout } from '../util/resolveLayout.ts';
import type { Layout, LayoutOptions } from '../util/resolveLayout.ts';
import { tailFile } from '../util/tailFile.ts';
import { withDirLock } from '../util/withDirLock.ts';
import { PINNED_VERSIONS } from '../versions.ts';
import type { ControlPlaneVersions } from '../versions.ts';
import { etcdArgs, kubeApiserverArgs } from './controlPlaneArgs.ts';
import {
  karpenterProcesses,
  startKarpenterProcesses,
} from './karpenterProcesses.ts';
import { KUBECONFIG_CONTEXTS } from './ControlPlaneConnection.ts';
import type { ControlPlaneConnection } from './ControlPlaneConnection.ts';
import {
  CONTROL_PLANE_USERS,
  createTokens,
  renderTokenAuthFile,
} from './controlPlaneUsers.ts';
import { readJsonFile, writeJsonFile } from './LaunchPlan.ts';
import type { ControlPlanePids } from './LaunchPlan.ts';
import { renderKubeconfig } from './renderKubeconfig.ts';
import { spawnSupervisor } from './spawnSupervisor.ts';
import { stateFiles } from './stateFiles.ts';
import type { StateFiles } from './stateFiles.ts';
import { runningProcesses, stopControlPlane } from './stopControlPlane.ts';
import type { StopResult } from './stopControlPlane.ts';

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

async function startFresh(
  options: StartControlPlaneOptions,
  { cacheDir, repoRoot }: Layout,
  files: StateFiles,
  onProgress: ProgressListener,
): Promise<ControlPlane> {
  const versions = options.versions ?? PINNED_VERSIONS;
  const karpenterMode = options.karpenter === true;
  // The CRDs first: without them (no Go and not in the module cache) nothing is worth building.
  const crdsStep = stepReporter('crds', onProgress);
  const crds = controlPlaneCrds(karpenterMode, crdsStep.report);

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

  for (const dir of [files.etcdDataDir, files.certDir])
    fs.rmSync(dir, { recursive: true, force: true });
  for (const log of [
    files.etcdLog,
    files.apiserverLog,
    files.supervisorLog,
    files.schedulerLog,
    files.controllerManagerLog,
    files.kwokLog,
    files.karpenterLog,
  ])
    fs.rmSync(log, { force: true });
  fs.mkdirSync(files.certDir, { recursive: true, mode: 0o700 });

  const tokens = createTokens();
  fs.writeFileSync(files.tokenFile, renderTokenAuthFile(tokens), {
    mode: 0o600,
  });
  const keys = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  fs.writeFileSync(files.serviceAccountPublicKey, keys.publicKey, {
    mode: 0o600,
  });
  fs.writeFileSync(files.serviceAccountPrivateKey, keys.privateKey, {
    mode: 0o600,
  });

  const ports = {
    etcdClient: await freePort(),
    etcdPeer: await freePort(),
    apiserver: await freePort(),
  };
  const karpenterPorts = {
    kwokServer: await freePort(),
    karpenterMetrics: await freePort(),
    karpenterHealth: await freePort(),
  };
  const step = stepReporter('start', onProgress);
  const setpriv = findSetpriv();
  const supervisorPid = spawnSupervisor(
    {
      stateDir: files.stateDir,
      pidFile: files.pidFile,
      watchPid: options.watchPid,
      removeStateDirOnWatchdog: options.removeStateDirOnWatchdog,
      setpriv,
      processes: [
        {
          name: 'etcd',
          command: binaries.etcd,
          args: etcdArgs(files, ports),
          logFile: files.etcdLog,
        },
        {
          name: 'kube-apiserver',
          command: binaries.kubeApiserver,
          args: kubeApiserverArgs(files, ports),
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
                ports: karpenterPorts,
              },
              files,
            ),
          }
        : {}),
    },
    repoRoot,
  );
  step.report(
    `etcd on 127.0.0.1:${ports.etcdClient}, kube-apiserver on 127.0.0.1:${
      ports.apiserver
    } (supervisor pid ${supervisorPid}${
      options.watchPid ? `, stops when pid ${options.watchPid} exits` : ''
    })`,
  );

  const server = `https://127.0.0.1:${ports.apiserver}`;
  let admin: KubeClient | undefined;
  try {
    admin = await waitForReady(
      server,
      tokens.admin,
      files,
      supervisorPid,
      options.readyTimeoutMs ?? 180_000,
    );
    const readyMs = step.elapsedMs();
    step.report('kube-apiserver /readyz ok');
    await bootstrapRbac(admin);
    const crdNames = await installCrds(admin, crds);
    const crdsEstablishedMs = step.elapsedMs();
    step.report(`CRDs Established: ${crdNames.join(', ')}`);
    await applyCustomObject(
      admin,
      karpenterMode ? SAMPLE_KWOK_NODE_CLASS : SAMPLE_EC2_NODE_CLASS,
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
        karpenterPorts.karpenterHealth,
        options.readyTimeoutMs ?? 180_000,
      );
      karpenterReadyMs = step.elapsedMs();
      step.report('Karpenter /readyz ok, kube-controller-manager running');
    }

    const pids = readJsonFile<ControlPlanePids>(files.pidFile);
    if (!pids) throw new Error(`The supervisor wrote no ${files.pidFile}`);
    const connection: ControlPlaneConnection = {
      server,
      caData: admin.credentials.caData,
      tokens,
      users: {
        admin: CONTROL_PLANE_USERS.admin.name,
        reconciler: CONTROL_PLANE_USERS.reconciler.name,
        lowPrivilege: CONTROL_PLANE_USERS.lowPrivilege.name,
        noAccess: CONTROL_PLANE_USERS.noAccess.name,
      },
      kubeconfigPath: files.kubeconfig,
      contexts: KUBECONFIG_CONTEXTS,
      etcdUrl: `http://127.0.0.1:${ports.etcdClient}`,
      versions,
      pids,
      stateDir: files.stateDir,
      startedAt: new Date().toISOString(),
      crds: crdNames,
      ...(binaries.karpenter
        ? {
            karpenter: {
              versions: binaries.karpenter.versions,
              nodeClassRef: {
                group: 'karpenter.kwok.sh',
                kind: 'KWOKNodeClass',
                name: SAMPLE_KWOK_NODE_CLASS.metadata.name,
              },
              metricsUrl: `http://127.0.0.1:${karpenterPorts.karpenterMetrics}/metrics`,
            },
          }
        : {}),
      timings: {
        binariesMs,
        readyMs,
        crdsEstablishedMs,
        ...(karpenterReadyMs !== undefined ? { karpenterReadyMs } : {}),
        totalFromSpawnMs: step.elapsedMs(),
      },
    };
    writeJsonFile(files.connectionFile, connection);
    step.report(`ready: ${server}; kubeconfig ${files.kubeconfig}`);
    return handle(connection, files, false);
  } catch (error) {
    await stopControlPlane(files.stateDir);
    throw new Error(
      `${
        (error as Error).message
      }\n--- kube-apiserver.log (tail) ---\n${tailFile(files.apiserverLog)}\n` +
        `--- etcd.log (tail) ---\n${tailFile(
          files.etcdLog,
        )}\n--- supervisor.log ---\n${tailFile(files.supervisorLog)}${
          karpenterMode
            ? `\n--- karpenter.log (tail) ---\n${tailFile(
                files.karpenterLog,
              )}\n--- kube-controller-manager.log (tail) ---\n${tailFile(
                files.controllerManagerLog,
              )}\n--- kube-scheduler.log (tail) ---\n${tailFile(
                files.schedulerLog,
              )}\n--- kwok.log (tail) ---\n${tailFile(files.kwokLog)}`
            : ''
        }`,
    );
  } finally {
    admin?.close();
  }
}

/** Polls `/readyz` until it answers ok; fails early if the supervisor (and so a child) died. */
async function waitForReady(
  server: string,
  token: string,
  files: StateFiles,
  supervisorPid: number,
  timeoutMs: number,
): Promise<KubeClient> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'serving certificate not written yet';
  for (;;) {
    if (!isProcessAlive(supervisorPid)) {
      throw new Error(`The control plane exited during start (${lastError})`);
    }
    const pem = readCompletePem(files.servingCert);
    if (pem) {
      const client = new KubeClient({
        server,
        token,
        caData: Buffer.from(pem).toString('base64'),
      });
      try {
        await client.request('GET', '/readyz', { timeoutMs: 5_000 });
        return client;
      } catch (error) {
        lastError = (error as Error).message;
        client.close();
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `kube-apiserver not ready after ${timeoutMs}ms: ${lastError}`,
      );
    }
    await new Promise(r => setTimeout(r, 150));
  }
}

/** The serving cert bundle once both PEM blocks (cert and CA) are fully written. */
function readCompletePem(file: string): string | undefined {
  try {
    const pem = fs.readFileSync(file, 'utf8');
    return (pem.match(/-----END CERTIFICATE-----/g) ?? []).length >= 2
      ? pem
      : undefined;
  } catch {
    return undefined;
  }
}

/** The connection of a running, ready control plane in this state dir, if there is one. */
async function healthyConnection(
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
