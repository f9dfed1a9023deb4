import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findGo } from '../goBuild/findGo.ts';
import { KARPENTER_VERSION } from './karpenterVersion.ts';

// Relative imports carry `.ts`, as everywhere in this package: `yarn cluster:start` runs this
// code with Node's own type stripping, which resolves no extensionless import.

/** Which copy: the AWS provider's (with its extra label rules) or the provider-neutral core. */
export type KarpenterCrdProvider = 'aws' | 'core';

/** The Go module each copy of the CRDs is published in, under `pkg/apis/crds/`. */
export const KARPENTER_MODULES: Record<KarpenterCrdProvider, string> = {
  aws: 'github.com/aws/karpenter-provider-aws',
  core: 'sigs.k8s.io/karpenter',
};

/** Where a Karpenter module keeps its CRD YAML files. */
export const KARPENTER_CRD_SUBDIR = join('pkg', 'apis', 'crds');

/** Options of {@link locateKarpenterModule}. */
export interface KarpenterModuleOptions {
  /** Defaults to the pinned {@link KARPENTER_VERSION}. */
  version?: string;
  /** Where PATH and the Go settings come from; defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Told before and after a download; defaults to a line on stderr. */
  onProgress?: (message: string) => void;
}

/** Go is not on PATH and the module is not in the Go module cache either. */
export class KarpenterModuleUnavailableError extends Error {
  override name = 'KarpenterModuleUnavailableError';
}

const printProgress = (message: string) => {
  process.stderr.write(`[local-cluster] ${message}\n`);
};

// The module cache spells upper-case letters as "!" plus the lower-case letter.
const escapePath = (value: string) =>
  value.replace(/[A-Z]/g, letter => `!${letter.toLowerCase()}`);

function moduleCacheRoot(
  go: string | undefined,
  env: NodeJS.ProcessEnv,
): string {
  // Go's own answer covers `go env -w GOMODCACHE=...`; without Go, the same defaults Go uses.
  if (go) {
    return execFileSync(go, ['env', 'GOMODCACHE'], {
      env,
      encoding: 'utf8',
    }).trim();
  }
  if (env.GOMODCACHE) return env.GOMODCACHE;
  const gopath =
    env.GOPATH?.split(delimiter)[0] || join(env.HOME ?? homedir(), 'go');
  return join(gopath, 'pkg', 'mod');
}

function cachedModuleDir(
  root: string,
  module: string,
  version: string,
): string | undefined {
  const dir = join(root, `${escapePath(module)}@${escapePath(version)}`);
  return existsSync(join(dir, KARPENTER_CRD_SUBDIR)) ? dir : undefined;
}

function unavailableReason(modules: string[], root: string): string {
  return `go is not on PATH and ${modules.join(' and ')} ${
    modules.length > 1 ? 'are' : 'is'
  } not in the Go module cache (${root}): the Karpenter CRDs come from there`;
}

function download(
  go: string,
  moduleAtVersion: string,
  env: NodeJS.ProcessEnv,
): string {
  let stdout: string;
  try {
    stdout = execFileSync(go, ['mod', 'download', '-json', moduleAtVersion], {
      // Outside any module, so no go.mod or go.work around can pin another version.
      cwd: tmpdir(),
      env: { ...env, GOWORK: 'off' },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    let reported: string | undefined;
    try {
      reported = (JSON.parse(failed.stdout ?? '') as { Error?: string }).Error;
    } catch {
      // not JSON: fall back to stderr below
    }
    throw new Error(
      `go mod download ${moduleAtVersion} failed: ${
        reported ?? (failed.stderr?.trim() || failed.message)
      }`,
    );
  }
  const dir = (JSON.parse(stdout) as { Dir?: string }).Dir;
  if (!dir) throw new Error(`go mod download ${moduleAtVersion} named no Dir`);
  return dir;
}

/**
 * The extracted Karpenter module of one CRD copy, read-only in the Go module cache: found there
 * if present, else fetched from the Go module proxy with `go mod download` (synchronously, so a
 * Jest worker can call it while collecting tests). Throws {@link KarpenterModuleUnavailableError}
 * when neither works.
 */
export function locateKarpenterModule(
  provider: KarpenterCrdProvider,
  options: KarpenterModuleOptions = {},
): string {
  const env = options.env ?? process.env;
  const version = options.version ?? KARPENTER_VERSION;
  const module = KARPENTER_MODULES[provider];
  const go = findGo(env);
  const root = moduleCacheRoot(go, env);
  const cached = cachedModuleDir(root, module, version);
  if (cached) return cached;
  if (!go) {
    throw new KarpenterModuleUnavailableError(
      unavailableReason([`${module}@${version}`], root),
    );
  }
  const onProgress = options.onProgress ?? printProgress;
  const what = `Karpenter ${version} CRDs from the Go module proxy (${module}@${version})`;
  const startedAt = Date.now();
  onProgress(`fetching ${what} ...`);
  const dir = download(go, `${module}@${version}`, env);
  if (!existsSync(join(dir, KARPENTER_CRD_SUBDIR))) {
    throw new Error(`${module}@${version} has no ${KARPENTER_CRD_SUBDIR}`);
  }
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  onProgress(`fetching ${what} took ${seconds}s: ${dir}`);
  return dir;
}

/**
 * Why the CRDs of these copies cannot be had on this machine (no Go and not cached), or
 * undefined when they can. Never downloads: for deciding early to skip or fail.
 */
export function karpenterCrdsUnavailable(
  providers: KarpenterCrdProvider[] = ['aws', 'core'],
  options: Omit<KarpenterModuleOptions, 'onProgress'> = {},
): string | undefined {
  const env = options.env ?? process.env;
  if (findGo(env)) return undefined;
  const version = options.version ?? KARPENTER_VERSION;
  const root = moduleCacheRoot(undefined, env);
  const missing = providers
    .map(provider => KARPENTER_MODULES[provider])
    .filter(module => !cachedModuleDir(root, module, version))
    .map(module => `${module}@${version}`);
  return missing.length === 0 ? undefined : unavailableReason(missing, root);
}

const located = new Map<KarpenterCrdProvider, string>();

/** {@link locateKarpenterModule} at the pinned version, looked up once per process. */
export function karpenterModuleDir(
  provider: KarpenterCrdProvider,
  onProgress?: (message: string) => void,
): string {
  let dir = located.get(provider);
  if (!dir) {
    dir = locateKarpenterModule(provider, onProgress ? { onProgress } : {});
    located.set(provider, dir);
  }
  return dir;
}
