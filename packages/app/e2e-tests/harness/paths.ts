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

/** Where the screenshots the README links to are written. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/** A fresh state folder for one run: control plane, database, logs, generated config. */
export function createStateDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'nodepools-e2e-'));
}
