import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The monorepo root, three levels above this folder. */
export const REPO_ROOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  '..',
);

/**
 * Where the screenshots are written: the ones the README links to, refreshed by every run, unless
 * `NODEPOOLS_E2E_SCREENSHOT_DIR` points elsewhere (e.g. `.test-results/screenshots` while iterating).
 */
export const SCREENSHOT_DIR = path.resolve(
  REPO_ROOT,
  process.env.NODEPOOLS_E2E_SCREENSHOT_DIR ?? 'docs/screenshots',
);

/** A fresh state folder for one run: control plane, database, logs, generated config. */
export function createStateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nodepools-e2e-'));
}
