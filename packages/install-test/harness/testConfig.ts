import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { APP_DIR } from './paths.ts';

/** The team that requests a pool, its member, and an approver, in the test's own org file. */
export const TEAM = { name: 'payments', title: 'Payments', member: 'bob' };
export const APPROVER = 'alice';
/** A member of another team: under the suite's policy (not allow-all) she can't see payments' requests. */
export const OUTSIDER = { name: 'carol', team: 'search', title: 'Search' };

/** What the READMEs configured: read back from the app's app-config.yaml after the steps. */
export interface AppNodePoolsConfig {
  cluster: { name: string; title: string };
  /** The group whose members may approve (the cluster's approver group, else the platform owner). */
  approverGroup: string;
}

/** The cluster and approver group the README's `nodepools` config declares. */
export function readNodePoolsConfig(): AppNodePoolsConfig {
  const config = parse(
    fs.readFileSync(path.join(APP_DIR, 'app-config.yaml'), 'utf8'),
  );
  const nodepools = config?.nodepools;
  const cluster = nodepools?.clusters?.[0];
  if (!cluster?.name) {
    throw new Error(
      'app-config.yaml has no nodepools.clusters after the README steps',
    );
  }
  const approverGroup =
    cluster.policy?.approverGroups?.[0] ?? nodepools.platformOwner;
  if (!approverGroup) {
    throw new Error(
      'app-config.yaml names neither approverGroups nor nodepools.platformOwner',
    );
  }
  return {
    cluster: { name: cluster.name, title: cluster.title ?? cluster.name },
    approverGroup,
  };
}

/** The files the backend is started with, after the app's own app-config.yaml. */
export interface TestConfigFiles {
  files: string[];
  /** Holds only the guest user; rewritten to sign in as someone else. */
  userFile: string;
}

/**
 * Writes the test-only config (not README steps): one origin for app and backend on `port`, an
 * org file with the team, its member and the approver group registered as a catalog location,
 * and the guest sign-in as the team member. Config lists replace rather than merge across
 * files, so the app's own catalog locations (the READMEs' included) are copied in front.
 */
export function writeTestConfig(
  stateDir: string,
  port: number,
  nodepools: AppNodePoolsConfig,
): TestConfigFiles {
  const approverGroup = nodepools.approverGroup.replace(
    /^group:(default\/)?/,
    '',
  );
  const orgFile = path.join(stateDir, 'org.yaml');
  const entities = [
    group(TEAM.name, TEAM.title, [TEAM.member]),
    group(approverGroup, 'Platform', [APPROVER]),
    group(OUTSIDER.team, OUTSIDER.title, [OUTSIDER.name]),
    user(TEAM.member),
    user(APPROVER),
    user(OUTSIDER.name),
  ];
  fs.writeFileSync(orgFile, entities.map(e => stringify(e)).join('---\n'));

  const appConfig = parse(
    fs.readFileSync(path.join(APP_DIR, 'app-config.yaml'), 'utf8'),
  );
  const origin = `http://localhost:${port}`;
  const configFile = path.join(stateDir, 'app-config.install-test.yaml');
  fs.writeFileSync(
    configFile,
    stringify({
      app: { baseUrl: origin },
      backend: {
        baseUrl: origin,
        listen: { port, host: '127.0.0.1' },
        cors: { origin },
      },
      catalog: {
        locations: [
          ...(appConfig.catalog?.locations ?? []),
          {
            type: 'file',
            target: orgFile,
            rules: [{ allow: ['User', 'Group'] }],
          },
        ],
      },
    }),
  );
  const userFile = path.join(stateDir, 'app-config.user.yaml');
  writeGuestUser(userFile, TEAM.member);
  return {
    files: [path.join(APP_DIR, 'app-config.yaml'), configFile, userFile],
    userFile,
  };
}

/** Sets who the next guest sign-in becomes (the backend reloads config files it watches). */
export function writeGuestUser(userFile: string, name: string): void {
  fs.writeFileSync(
    userFile,
    stringify({
      auth: { providers: { guest: { userEntityRef: `user:default/${name}` } } },
    }),
  );
}

function group(name: string, title: string, members: string[]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, title },
    spec: { type: 'team', children: [], members },
  };
}

function user(name: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: { profile: { displayName: name }, memberOf: [] },
  };
}
