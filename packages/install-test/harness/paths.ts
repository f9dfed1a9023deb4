import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveLayout } from '@nodepools/local-cluster';

/** The create-app release the test generates its app with (its templates match Backstage 1.55). */
export const CREATE_APP_VERSION = '0.9.2';

/** The monorepo root, two levels above this folder. */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
);

/**
 * `${NODEPOOLS_CACHE:-$HOME/.cache/nodepools}/create-app/<version>/`: the generated, installed
 * and aligned app (a git repository, reset before each run) and what it was made with.
 */
export const CREATE_APP_CACHE = path.join(
  resolveLayout({ repoRoot: REPO_ROOT }).cacheDir,
  'create-app',
  CREATE_APP_VERSION,
);

/** The app the test installs into: the cached app itself, reset to its first commit each run. */
export const APP_DIR = path.join(CREATE_APP_CACHE, 'app');

/** Where each run's summary goes, beside the other runners' results. */
export const RESULTS_FILE = path.join(
  REPO_ROOT,
  '.test-results',
  'install-test.json',
);

/** A fresh folder for one run: tarballs, logs, test config, control plane. */
export function createStateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nodepools-install-test-'));
}
