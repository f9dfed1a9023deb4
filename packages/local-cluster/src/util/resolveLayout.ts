import os from 'node:os';
import path from 'node:path';
import { findRepoRoot } from './findRepoRoot.ts';

/** Where binaries are cached and where runtime state lives. */
export interface Layout {
  repoRoot: string;
  /** `${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}`: outside the repo, shared by all clones. */
  cacheDir: string;
  /** Runtime state: etcd data, certs, logs, tokens, kubeconfig, pid file. */
  stateDir: string;
}

/** Options that override the default layout. */
export interface LayoutOptions {
  repoRoot?: string;
  cacheDir?: string;
  stateDir?: string;
}

/**
 * Resolves the layout from options, then environment (NODEPOOLS_CACHE), then defaults relative
 * to the monorepo root (found by walking up from the working directory).
 */
export function resolveLayout(options: LayoutOptions = {}): Layout {
  const repoRoot =
    options.repoRoot ?? findRepoRoot(process.cwd()) ?? process.cwd();
  const cacheDir =
    options.cacheDir ??
    process.env.NODEPOOLS_CACHE ??
    path.join(os.homedir(), '.cache', 'nodepools');
  return {
    repoRoot,
    cacheDir: path.resolve(cacheDir),
    stateDir: path.resolve(
      options.stateDir ?? path.join(repoRoot, '.nodepools', 'local-cluster'),
    ),
  };
}
