import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';

/** The origin the e2e portal serves app and API from (see app-config.e2e.yaml). */
export const PORTAL_URL = 'http://localhost:7117';

/** The config files the e2e backend loads, in order: demo, e2e overrides, generated. */
export interface PortalConfigFiles {
  files: string[];
  /** The generated file holding the guest user; rewritten to switch users. */
  userFile: string;
}

/**
 * Writes the generated config: the demo's `nodepools` section pointed at this run's control
 * plane (the same script the demo uses), a database folder of this run's own, and the guest user.
 */
export function writePortalConfig(
  stateDir: string,
  connectionPath: string,
): PortalConfigFiles {
  const clusterFile = path.join(stateDir, 'app-config.cluster.yaml');
  execFileSync(
    process.execPath,
    ['scripts/lib/write-local-config.mjs', connectionPath, clusterFile],
    { cwd: REPO_ROOT, stdio: 'ignore' },
  );
  const databaseFile = path.join(stateDir, 'app-config.database.yaml');
  const sqliteDir = path.join(stateDir, 'sqlite');
  fs.mkdirSync(sqliteDir, { recursive: true });
  fs.writeFileSync(
    databaseFile,
    `backend:\n  database:\n    client: better-sqlite3\n    connection:\n      directory: ${JSON.stringify(
      sqliteDir,
    )}\n`,
  );
  const userFile = path.join(stateDir, 'app-config.user.yaml');
  writeGuestUser(userFile, 'guest');
  return {
    files: [
      path.join(REPO_ROOT, 'app-config.yaml'),
      path.join(REPO_ROOT, 'packages/app/e2e-tests/app-config.e2e.yaml'),
      clusterFile,
      databaseFile,
      userFile,
    ],
    userFile,
  };
}

/** Sets the demo user the next guest sign-in becomes. */
export function writeGuestUser(userFile: string, user: string): void {
  fs.writeFileSync(
    userFile,
    `auth:\n  providers:\n    guest:\n      userEntityRef: user:default/${user}\n`,
  );
}
