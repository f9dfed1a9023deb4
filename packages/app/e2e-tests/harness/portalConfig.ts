import fs from 'node:fs';
import path from 'node:path';
import type { ControlPlane } from '@nodepools/local-cluster';
import { parse, stringify } from 'yaml';
import { REPO_ROOT } from './paths.ts';

/** The origin the e2e portal serves app and API from (see app-config.e2e.yaml). */
export const PORTAL_URL = 'http://localhost:7117';

/** The config files the e2e backend loads, in order: demo, e2e overrides, generated. */
export interface PortalConfigFiles {
  files: string[];
  /** The generated file holding the guest user; rewritten to switch users. */
  userFile: string;
}

/** How the portal's reconciler authenticates to the cluster. */
export interface ReconcilerCredentials {
  token: string;
  username: string;
}

/**
 * Writes the generated config: the demo's `nodepools` section with its `local` cluster pointed at
 * this run's control plane as the given reconciler identity, a database folder of this run's own,
 * and the guest user. Config arrays replace rather than merge, so the whole section is copied.
 */
export function writePortalConfig(
  stateDir: string,
  controlPlane: Pick<ControlPlane, 'server' | 'caData'>,
  reconciler: ReconcilerCredentials,
): PortalConfigFiles {
  const clusterFile = path.join(stateDir, 'app-config.cluster.yaml');
  const { nodepools } = parse(
    fs.readFileSync(path.join(REPO_ROOT, 'app-config.yaml'), 'utf8'),
  );
  const local = nodepools.clusters.find(
    (c: { name: string }) => c.name === 'local',
  );
  Object.assign(local, {
    url: controlPlane.server,
    caData: controlPlane.caData,
    auth: { type: 'serviceAccount', token: reconciler.token },
  });
  local.policy = { ...local.policy, reconcilerUsername: reconciler.username };
  // `staging` stands for an EKS cluster (EC2NodeClass, instance labels), where the production
  // guide's pool can be requested. Nothing here runs EKS: its url answers nothing, so its
  // previews say its API server was not asked, and requests to it stay pending.
  const staging = nodepools.clusters.find(
    (c: { name: string }) => c.name === 'staging',
  );
  if (staging && !staging.url) staging.url = 'https://127.0.0.1:9';
  fs.writeFileSync(clusterFile, stringify({ nodepools }), { mode: 0o600 });
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
