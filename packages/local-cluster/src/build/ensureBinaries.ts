import fs from 'node:fs';
import path from 'node:path';
import { PINNED_VERSIONS } from '../versions.ts';
import type { ControlPlaneVersions } from '../versions.ts';
import { printProgress, stepReporter } from '../util/progress.ts';
import type { ProgressListener } from '../util/progress.ts';
import { withDirLock } from '../util/withDirLock.ts';
import { buildBinary } from './buildBinary.ts';
import { findGo } from './findGo.ts';
import { goModuleInfo } from './goModuleInfo.ts';
import {
  readBinaryVersion,
  reportsEtcdVersion,
  reportsKubernetesVersion,
} from './readBinaryVersion.ts';
import { renderEtcdGoMod } from './renderEtcdGoMod.ts';
import { renderKubernetesGoMod } from './renderKubernetesGoMod.ts';
import { etcdLdflags, kubernetesLdflags } from './versionLdflags.ts';

/** Options of {@link ensureBinaries}. */
export interface EnsureBinariesOptions {
  versions?: ControlPlaneVersions;
  /** Defaults to `${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}`. */
  cacheDir: string;
  onProgress?: ProgressListener;
}

/** Paths of the two binaries, and what had to be built to get them. */
export interface ControlPlaneBinaries {
  etcd: string;
  kubeApiserver: string;
  versions: ControlPlaneVersions;
  /** One entry per binary built by this call (empty when both came from the cache). */
  built: Array<{ binary: string; version: string; durationMs: number }>;
}

/** Raised when a binary must be built and `go` is not on PATH. */
export class GoMissingError extends Error {
  constructor(missing: string[]) {
    super(
      `Go is not on PATH, and ${missing.join(' and ')} ${
        missing.length > 1 ? 'are' : 'is'
      } not in the cache yet. ` +
        'Install Go 1.25 or newer (e.g. export PATH=/usr/local/go/bin:$PATH) to build them.',
    );
    this.name = 'GoMissingError';
  }
}

/** Cache locations of the binaries for these versions, whether or not they exist yet. */
export function binaryPaths(cacheDir: string, versions: ControlPlaneVersions) {
  return {
    etcd: path.join(cacheDir, 'etcd', versions.etcd, 'etcd'),
    kubeApiserver: path.join(
      cacheDir,
      'k8s',
      versions.kubernetes,
      'kube-apiserver',
    ),
  };
}

/** True when both cached binaries report the wanted versions (no Go needed to start). */
export async function binariesCached(
  cacheDir: string,
  versions: ControlPlaneVersions = PINNED_VERSIONS,
): Promise<boolean> {
  const paths = binaryPaths(cacheDir, versions);
  return (
    reportsEtcdVersion(await readBinaryVersion(paths.etcd), versions.etcd) &&
    reportsKubernetesVersion(
      await readBinaryVersion(paths.kubeApiserver),
      versions.kubernetes,
    )
  );
}

/**
 * Makes sure etcd and kube-apiserver exist in the cache at the pinned versions, building them
 * from the Go module proxy when the cached binary is missing or reports another version.
 */
export async function ensureBinaries(
  options: EnsureBinariesOptions,
): Promise<ControlPlaneBinaries> {
  const versions = options.versions ?? PINNED_VERSIONS;
  const onProgress = options.onProgress ?? printProgress;
  const paths = binaryPaths(options.cacheDir, versions);
  const wanted = [
    {
      name: 'etcd',
      version: versions.etcd,
      output: paths.etcd,
      ok: (out: string | undefined) => reportsEtcdVersion(out, versions.etcd),
    },
    {
      name: 'kube-apiserver',
      version: versions.kubernetes,
      output: paths.kubeApiserver,
      ok: (out: string | undefined) =>
        reportsKubernetesVersion(out, versions.kubernetes),
    },
  ];
  const missing = [];
  for (const binary of wanted) {
    if (!binary.ok(await readBinaryVersion(binary.output)))
      missing.push(binary);
  }
  const result: ControlPlaneBinaries = { ...paths, versions, built: [] };
  if (missing.length === 0) return result;

  const go = findGo();
  if (!go) throw new GoMissingError(missing.map(b => `${b.name} ${b.version}`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: '0',
    // A module that asks for a newer Go than installed may fetch that toolchain from the proxy.
    GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
  };

  for (const binary of missing) {
    const step = stepReporter(
      `build ${binary.name} ${binary.version}`,
      onProgress,
    );
    const binaryDir = path.dirname(binary.output);
    await withDirLock(
      path.join(binaryDir, '.build-lock'),
      async () => {
        // Another process may have finished the build while we waited for the lock.
        if (binary.ok(await readBinaryVersion(binary.output))) {
          step.report('built by another process meanwhile');
          return;
        }
        step.report(
          `building with ${go} in ${binaryDir}/module (a cold build takes minutes on 2 cores)`,
        );
        const moduleDir = path.join(binaryDir, 'module');
        fs.mkdirSync(moduleDir, { recursive: true });
        // A go.mod left by an older build would make `go mod download` resolve against it.
        fs.rmSync(path.join(moduleDir, 'go.mod'), { force: true });
        const build =
          binary.name === 'etcd'
            ? await etcdBuild(go, moduleDir, binary.version, env)
            : await kubernetesBuild(go, moduleDir, binary.version, env);
        const outcome = await buildBinary({
          ...build,
          go,
          moduleDir,
          version: binary.version,
          output: binary.output,
          env,
          onSummary: summary => step.report(summary),
        });
        const reported = await readBinaryVersion(binary.output);
        if (!binary.ok(reported)) {
          throw new Error(
            `Built ${
              binary.output
            }, but it reports "${reported?.trim()}" instead of ${
              binary.version
            }`,
          );
        }
        step.report(
          `done: ${
            outcome.get.downloadedModules + outcome.build.downloadedModules
          } modules downloaded, ` +
            `${outcome.build.compiledPackages} packages compiled ` +
            `(go get ${Math.round(
              outcome.get.durationMs / 1000,
            )}s, go build ${Math.round(outcome.build.durationMs / 1000)}s)`,
        );
        result.built.push({
          binary: binary.name,
          version: binary.version,
          durationMs: outcome.durationMs,
        });
      },
      {
        onWait: pid =>
          step.report(`waiting for pid ${pid}, which is building it`),
      },
    );
  }
  return result;
}

async function kubernetesBuild(
  go: string,
  moduleDir: string,
  version: string,
  env: NodeJS.ProcessEnv,
) {
  const upstream = await goModuleInfo(
    go,
    `k8s.io/kubernetes@${version}`,
    moduleDir,
    env,
  );
  return {
    goMod: renderKubernetesGoMod(upstream.goMod, version),
    mainPackage: 'k8s.io/kubernetes/cmd/kube-apiserver',
    // The flags of the official release build (hack/lib/golang.sh).
    buildFlags: [
      '-trimpath',
      '-tags',
      'selinux,notest,grpcnotrace',
      '-ldflags',
      kubernetesLdflags(version, upstream.time.replace(/\.\d+Z$/, 'Z')),
    ],
  };
}

async function etcdBuild(
  go: string,
  moduleDir: string,
  version: string,
  env: NodeJS.ProcessEnv,
) {
  const upstream = await goModuleInfo(
    go,
    `go.etcd.io/etcd/server/v3@${version}`,
    moduleDir,
    env,
  );
  const goVersion = /^go (\S+)$/m.exec(upstream.goMod)?.[1] ?? '1.24';
  return {
    goMod: renderEtcdGoMod(version, goVersion),
    mainPackage: 'go.etcd.io/etcd/server/v3',
    buildFlags: ['-trimpath', '-ldflags', etcdLdflags(version)],
  };
}
