import fs from 'node:fs';
import path from 'node:path';
import { KARPENTER_VERSIONS, PINNED_VERSIONS } from '../versions.ts';
import type { ControlPlaneVersions, KarpenterVersions } from '../versions.ts';
import { printProgress, stepReporter } from '../util/progress.ts';
import type { ProgressListener } from '../util/progress.ts';
import { withDirLock } from '../util/withDirLock.ts';
import {
  apiServerRecipes,
  binaryPaths,
  karpenterBinaryPaths,
  karpenterRecipes,
} from './binaryRecipes.ts';
import type { BinaryRecipe } from './binaryRecipes.ts';
import { buildBinary } from './buildBinary.ts';
import { writeBuildRecord } from './buildRecord.ts';
import { findGo } from './findGo.ts';

export { binaryPaths, karpenterBinaryPaths } from './binaryRecipes.ts';

/** Options of {@link ensureBinaries}. */
export interface EnsureBinariesOptions {
  versions?: ControlPlaneVersions;
  /** Defaults to `${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}`. */
  cacheDir: string;
  onProgress?: ProgressListener;
  /** Also kube-scheduler, kube-controller-manager, kwok and Karpenter's kwok provider. */
  karpenter?: boolean;
  karpenterVersions?: KarpenterVersions;
}

/** Paths of the binaries Karpenter mode adds. */
export interface KarpenterBinaries {
  kubeScheduler: string;
  kubeControllerManager: string;
  kwok: string;
  karpenterKwok: string;
  versions: KarpenterVersions;
}

/** Paths of the binaries, and what had to be built to get them. */
export interface ControlPlaneBinaries {
  etcd: string;
  kubeApiserver: string;
  versions: ControlPlaneVersions;
  /** Present when asked for with `karpenter: true`. */
  karpenter?: KarpenterBinaries;
  /** One entry per binary built by this call (empty when all came from the cache). */
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

function recipes(
  cacheDir: string,
  versions: ControlPlaneVersions,
  karpenter: KarpenterVersions | undefined,
): BinaryRecipe[] {
  return [
    ...apiServerRecipes(cacheDir, versions),
    ...(karpenter ? karpenterRecipes(cacheDir, versions, karpenter) : []),
  ];
}

/** True when every cached binary reports the wanted version (no Go needed to start). */
export async function binariesCached(
  cacheDir: string,
  versions: ControlPlaneVersions = PINNED_VERSIONS,
  options: { karpenter?: boolean; karpenterVersions?: KarpenterVersions } = {},
): Promise<boolean> {
  const karpenter = options.karpenter
    ? options.karpenterVersions ?? KARPENTER_VERSIONS
    : undefined;
  for (const recipe of recipes(cacheDir, versions, karpenter)) {
    if (!(await recipe.isCached())) return false;
  }
  return true;
}

/**
 * Makes sure the binaries exist in the cache at the pinned versions, building each from the Go
 * module proxy when the cached one is missing or reports another version. Builds run one after
 * the other: on 2 cores a parallel `go build` only makes each one slower.
 */
export async function ensureBinaries(
  options: EnsureBinariesOptions,
): Promise<ControlPlaneBinaries> {
  const versions = options.versions ?? PINNED_VERSIONS;
  const karpenterVersions = options.karpenter
    ? options.karpenterVersions ?? KARPENTER_VERSIONS
    : undefined;
  const onProgress = options.onProgress ?? printProgress;
  const result: ControlPlaneBinaries = {
    ...binaryPaths(options.cacheDir, versions),
    versions,
    ...(karpenterVersions
      ? {
          karpenter: {
            ...karpenterBinaryPaths(
              options.cacheDir,
              versions,
              karpenterVersions,
            ),
            versions: karpenterVersions,
          },
        }
      : {}),
    built: [],
  };
  const missing: BinaryRecipe[] = [];
  for (const recipe of recipes(options.cacheDir, versions, karpenterVersions)) {
    if (!(await recipe.isCached())) missing.push(recipe);
  }
  if (missing.length === 0) return result;
  const go = findGo();
  if (!go) throw new GoMissingError(missing.map(b => `${b.name} ${b.version}`));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CGO_ENABLED: '0',
    // A module that asks for a newer Go than installed may fetch that toolchain from the proxy.
    GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto',
  };
  for (const recipe of missing) {
    const built = await buildOne(recipe, go, env, onProgress);
    if (built) result.built.push(built);
  }
  return result;
}

/** Builds one binary under its folder's lock; undefined when another process built it meanwhile. */
async function buildOne(
  recipe: BinaryRecipe,
  go: string,
  env: NodeJS.ProcessEnv,
  onProgress: ProgressListener,
): Promise<
  { binary: string; version: string; durationMs: number } | undefined
> {
  const step = stepReporter(
    `build ${recipe.name} ${recipe.version}`,
    onProgress,
  );
  const binaryDir = path.dirname(recipe.output);
  return withDirLock(
    // One lock per folder: binaries sharing a folder share its throwaway module too.
    path.join(binaryDir, '.build-lock'),
    async () => {
      // Another process may have finished the build while we waited for the lock.
      if (await recipe.isCached()) {
        step.report('built by another process meanwhile');
        return undefined;
      }
      step.report(
        `building with ${go} in ${binaryDir}/module (a cold build takes minutes on 2 cores)`,
      );
      const moduleDir = path.join(binaryDir, 'module');
      fs.mkdirSync(moduleDir, { recursive: true });
      // A go.mod left by an older build would make `go mod download` resolve against it.
      fs.rmSync(path.join(moduleDir, 'go.mod'), { force: true });
      const prepared = await recipe.prepare(go, moduleDir, env);
      const outcome = await buildBinary({
        ...prepared,
        go,
        moduleDir,
        version: recipe.version,
        output: recipe.output,
        env,
        onSummary: summary => step.report(summary),
      });
      if (!(await recipe.isCached())) {
        throw new Error(
          `Built ${recipe.output}, but it does not report ${recipe.version}`,
        );
      }
      writeBuildRecord(recipe.output, {
        binary: recipe.name,
        version: recipe.version,
        durationMs: outcome.durationMs,
        goGetMs: outcome.get.durationMs,
        goBuildMs: outcome.build.durationMs,
        compiledPackages: outcome.build.compiledPackages,
        downloadedModules:
          outcome.get.downloadedModules + outcome.build.downloadedModules,
      });
      step.report(
        `done: ${
          outcome.get.downloadedModules + outcome.build.downloadedModules
        } modules downloaded, ` +
          `${outcome.build.compiledPackages} packages compiled ` +
          `(go get ${Math.round(
            outcome.get.durationMs / 1000,
          )}s, go build ${Math.round(outcome.build.durationMs / 1000)}s)`,
      );
      return {
        binary: recipe.name,
        version: recipe.version,
        durationMs: outcome.durationMs,
      };
    },
    {
      onWait: pid =>
        step.report(`waiting for pid ${pid}, which is building it`),
    },
  );
}
