import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from './findRepoRoot.ts';

/** Where binaries are cached, where runtime state lives and where the CRDs are read from. */
export interface Layout {
  repoRoot: string;
  /** `${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}`: outside the repo, shared by all clones. */
  cacheDir: string;
  /** Runtime state: etcd data, certs, logs, tokens, kubeconfig, pid file. */
  stateDir: string;
  /** The folder with the Karpenter CRD YAML files that get installed. */
  crdDir: string;
}

/** Options that override the default layout. */
export interface LayoutOptions {
  repoRoot?: string;
  cacheDir?: string;
  stateDir?: string;
  crdDir?: string;
}

/** The CRD copy installed by default: the AWS provider's, since the product targets EKS. */
export const DEFAULT_CRD_FOLDER = 'aws-karpenter-provider-aws-v1.14.1';

/**
 * Resolves the layout from options, then environment (NODEPOOLS_CACHE, NODEPOOLS_SHARED_DIR),
 * then defaults relative to the monorepo root (found by walking up from the working directory).
 */
export function resolveLayout(options: LayoutOptions = {}): Layout {
  const repoRoot =
    options.repoRoot ?? findRepoRoot(process.cwd()) ?? process.cwd();
  const cacheDir =
    options.cacheDir ??
    process.env.NODEPOOLS_CACHE ??
    path.join(os.homedir(), '.cache', 'nodepools');
  const sharedDir =
    process.env.NODEPOOLS_SHARED_DIR ?? path.resolve(repoRoot, '..', 'shared');
  return {
    repoRoot,
    cacheDir: path.resolve(cacheDir),
    stateDir: path.resolve(
      options.stateDir ?? path.join(repoRoot, '.nodepools', 'local-cluster'),
    ),
    crdDir: path.resolve(
      options.crdDir ??
        path.join(sharedDir, 'karpenter-crds', DEFAULT_CRD_FOLDER),
    ),
  };
}
