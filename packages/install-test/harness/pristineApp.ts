import fs from 'node:fs';
import path from 'node:path';
import { appEnv } from './appEnv.ts';
import {
  APP_DIR,
  CREATE_APP_CACHE,
  CREATE_APP_VERSION,
  REPO_ROOT,
} from './paths.ts';
import { run } from './run.ts';
import { stage } from './stage.ts';

/** The git tag of the generated, installed and aligned app; every run resets to it. */
export const PRISTINE_TAG = 'pristine';

/** The folder and workspace name of the legacy frontend the test adds beside `packages/app`. */
export const LEGACY_FRONTEND = {
  dir: 'packages/app-legacy',
  workspace: 'app-legacy',
};

/** What the cached app was made with, and how long making it took (the cold path). */
export interface PristineRecord {
  createApp: string;
  /** Native modules (better-sqlite3) are built for this ABI; another Node needs a new app. */
  nodeModulesAbi: string;
  backstageVersion: string;
  createdAt: string;
  seconds: Record<string, number>;
}

const RECORD_FILE = path.join(CREATE_APP_CACHE, 'pristine.json');

function readRecord(): PristineRecord | undefined {
  try {
    const record = JSON.parse(
      fs.readFileSync(RECORD_FILE, 'utf8'),
    ) as PristineRecord;
    const usable =
      record.createApp === CREATE_APP_VERSION &&
      record.nodeModulesAbi === process.versions.modules &&
      fs.existsSync(path.join(APP_DIR, '.git')) &&
      fs.existsSync(path.join(APP_DIR, 'node_modules'));
    return usable ? record : undefined;
  } catch {
    return undefined;
  }
}

async function timedPart(
  seconds: Record<string, number>,
  key: string,
  label: string,
  fn: () => Promise<unknown>,
) {
  const startedAt = Date.now();
  await stage(label, fn);
  seconds[key] = Math.round((Date.now() - startedAt) / 100) / 10;
}

/**
 * The generated app, from the cache when it is there: `@backstage/create-app` (default and
 * `--legacy`, whose `packages/app` becomes a second frontend workspace), `yarn install`, then
 * `yarn up '@backstage/*'` (create-app pins some older releases, and mixed versions fail at
 * backend start), committed and tagged so each run can reset to it.
 */
export async function ensurePristineApp(
  logFile: string,
): Promise<{ record: PristineRecord; fromCache: boolean }> {
  const cached = readRecord();
  if (cached) return { record: cached, fromCache: true };

  fs.rmSync(CREATE_APP_CACHE, { recursive: true, force: true });
  fs.mkdirSync(CREATE_APP_CACHE, { recursive: true });
  const seconds: Record<string, number> = {};
  const env = appEnv({ BACKSTAGE_APP_NAME: 'nodepools-install-test' });
  const legacyDir = path.join(CREATE_APP_CACHE, 'legacy-template');
  const createApp = (dir: string, ...flags: string[]) =>
    // Run from the repository, whose packageManager field lets corepack answer create-app's
    // `yarn --version` check; outside a project corepack would look up the latest yarn instead.
    run(
      'npx',
      [
        '-y',
        `@backstage/create-app@${CREATE_APP_VERSION}`,
        '--path',
        dir,
        '--skip-install',
        ...flags,
      ],
      { cwd: REPO_ROOT, logFile, env },
    );
  await timedPart(
    seconds,
    'generate',
    `create-app ${CREATE_APP_VERSION}: generate the app (default and --legacy)`,
    async () => {
      // Without network access to the yarn.lock seed it only warns; the install resolves anew.
      await createApp(APP_DIR);
      await createApp(legacyDir, '--legacy');
      const legacyApp = path.join(APP_DIR, LEGACY_FRONTEND.dir);
      fs.cpSync(path.join(legacyDir, 'packages', 'app'), legacyApp, {
        recursive: true,
      });
      const manifest = path.join(legacyApp, 'package.json');
      const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      pkg.name = LEGACY_FRONTEND.workspace;
      fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
      fs.rmSync(legacyDir, { recursive: true, force: true });
    },
  );
  const inApp = { cwd: APP_DIR, logFile, env };
  await timedPart(seconds, 'install', 'create-app app: yarn install', () =>
    run('yarn', ['install'], inApp),
  );
  await timedPart(
    seconds,
    'align',
    "create-app app: yarn up '@backstage/*'",
    () => run('yarn', ['up', '@backstage/*'], inApp),
  );
  await timedPart(
    seconds,
    'commit',
    'create-app app: commit and tag it',
    async () => {
      if (!fs.existsSync(path.join(APP_DIR, '.git'))) {
        await run('git', ['init', '-q'], inApp);
      }
      const git = (...args: string[]) =>
        run(
          'git',
          [
            '-c',
            'user.name=install-test',
            '-c',
            'user.email=install-test@localhost',
            '-c',
            'commit.gpgsign=false',
            ...args,
          ],
          inApp,
        );
      await git('add', '-A');
      await git(
        'commit',
        '-q',
        '--no-verify',
        '--allow-empty',
        '-m',
        'create-app, installed and aligned',
      );
      await git('tag', '-f', PRISTINE_TAG);
    },
  );
  const record: PristineRecord = {
    createApp: CREATE_APP_VERSION,
    nodeModulesAbi: process.versions.modules,
    backstageVersion: JSON.parse(
      fs.readFileSync(path.join(APP_DIR, 'backstage.json'), 'utf8'),
    ).version,
    createdAt: new Date().toISOString(),
    seconds,
  };
  fs.writeFileSync(RECORD_FILE, `${JSON.stringify(record, null, 2)}\n`);
  return { record, fromCache: false };
}

/**
 * Puts the app back to its pristine commit: tracked files reset, everything else removed except
 * node_modules and yarn's install state, then `yarn install` takes node_modules back to the
 * pristine lockfile (dropping the tarballs the last run added). Far cheaper than copying the
 * 1.8 GB app, and than deleting a copy.
 */
export async function resetApp(logFile: string): Promise<void> {
  const inApp = { cwd: APP_DIR, logFile, env: appEnv() };
  await run('git', ['reset', '-q', '--hard', PRISTINE_TAG], inApp);
  await run(
    'git',
    ['clean', '-fdxq', '-e', 'node_modules', '-e', '.yarn'],
    inApp,
  );
  await run('yarn', ['install'], inApp);
}
