import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The real nodepools backend, installed next to this module as in a portal. Only this test wiring
// loads it: the module's own code never imports a backend plugin.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import nodePoolsBackend from '@nodepools/plugin-nodepools-backend';
import { parse } from 'yaml';
import { sampleRequest } from '@nodepools/plugin-nodepools-common/testUtils';
import { scaffolderModuleNodePools } from '../module';
import {
  permissionsWithDemoPolicy,
  userInfoFromDemoOrg,
} from '@nodepools/plugin-nodepools-node/testUtils';

const templatesDir = resolve(__dirname, '../../templates');

/** The templates this package ships in `templates/`, as the demo catalog registers them. */
export const templateEntities: Entity[] = readdirSync(templatesDir)
  .filter(f => f.endsWith('.yaml'))
  .map(file => parse(readFileSync(join(templatesDir, file), 'utf8')));

/** The template entity named `name`. */
export function templateNamed(name: string): Entity {
  const entity = templateEntities.find(e => e.metadata.name === name);
  if (!entity) throw new Error(`no template ${name} in ${templatesDir}`);
  return entity;
}

/** The app URL the portal is configured with; the action's links start with it. */
export const APP_BASE_URL = 'http://portal.test';

/**
 * A portal backend with the real scaffolder, the real nodepools backend (one cluster, `local`,
 * whose url nothing listens on and whose reconcile never runs, on SQLite) and this module; the
 * catalog holds the templates. Calls are made as a demo user with `as(user)`, through real HTTP.
 */
export async function startPortalBackend() {
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      nodePoolsBackend,
      scaffolderModuleNodePools,
      catalogServiceMock.factory({ entities: templateEntities }),
      permissionsWithDemoPolicy,
      userInfoFromDemoOrg,
      mockServices.scheduler.mock({
        scheduleTask: async () => {},
        triggerTask: async () => {},
      }).factory,
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: APP_BASE_URL },
          permission: { enabled: true },
          nodepools: {
            clusters: [
              {
                name: 'local',
                title: 'Local control plane',
                // Requests need a cluster with a url; nothing listens here, and no task runs.
                url: 'https://127.0.0.1:1',
                policy: {
                  approverGroups: ['group:default/platform'],
                  maxPoolLimits: { cpu: '64', memory: '256Gi' },
                  teamBudget: { cpu: '128', memory: '512Gi' },
                },
              },
            ],
          },
        },
      }),
    ],
  });
  const server = backend.server as unknown as Server;
  const { port } = server.address() as AddressInfo;

  /** Calls the backend as `user:default/<user>` and reads the JSON answer. */
  const as = (user: string) => {
    const call = async (
      method: 'GET' | 'POST',
      path: string,
      body?: object,
    ) => {
      const response = await fetch(`http://localhost:${port}/api${path}`, {
        method,
        headers: {
          Authorization: mockCredentials.user.header(`user:default/${user}`),
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: response.status, body: await response.json() };
    };
    return {
      get: (path: string) => call('GET', path),
      post: (path: string, body: object) => call('POST', path, body),
    };
  };

  /**
   * A pool the payments team already has: bob files it, alice (platform) approves it. Returns the
   * pool's id.
   */
  const grantPool = async (
    pool: string,
    limits = { cpu: '16', memory: '64Gi' },
  ): Promise<string> => {
    const filed = await as('bob').post('/nodepools/requests', {
      ...sampleRequest,
      pool,
      spec: {
        ...sampleRequest.spec,
        // Both, as the request template asks by default: its changes then replace no node.
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['spot', 'on-demand'],
        },
        limits,
      },
    });
    if (filed.status !== 201)
      throw new Error(`filing ${pool}: ${JSON.stringify(filed.body)}`);
    const approved = await as('alice').post(
      `/nodepools/requests/${filed.body.id}/approve`,
      {},
    );
    if (approved.body.state !== 'approved')
      throw new Error(`approving ${pool}: ${JSON.stringify(approved.body)}`);
    return approved.body.poolId;
  };

  return { backend, as, grantPool };
}
