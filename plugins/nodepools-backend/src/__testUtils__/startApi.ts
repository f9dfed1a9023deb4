import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  permissionsWithDemoPolicy,
  userInfoFromDemoOrg,
} from '@nodepools/plugin-nodepools-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import supertest from 'supertest';
import { nodePoolsPlugin } from '../plugin';

/**
 * The real plugin with the suite's permission policy, on the given
 * database; requests authenticate as demo users with `as(user)`. By default one cluster, `local`,
 * with a url nothing listens on (requests for a cluster without one are refused); `options.clusters` replaces it (config entries, e.g. with a url), and
 * `options.features` adds or overrides services (a scheduler whose tasks the test runs, say).
 */
export async function startApi(
  knex: Knex,
  policy: Record<string, unknown> = {},
  options: {
    clusters?: JsonObject[];
    /** More `nodepools` config beside the clusters (e.g. `teamBudgets`). */
    nodepools?: JsonObject;
    features?: Parameters<typeof startTestBackend>[0]['features'];
  } = {},
) {
  // The default cluster's url leads nowhere: a scheduler that runs no task (and a lease held
  // elsewhere, below) keeps the reconciler from trying it (and failing the pools) unless the
  // caller brings its own services.
  const idleScheduler = options.features
    ? []
    : [
        mockServices.scheduler.mock({
          scheduleTask: async () => {},
          triggerTask: async () => {},
        }).factory,
      ];
  const backend = await startTestBackend({
    features: [
      ...(options.features ?? idleScheduler),
      nodePoolsPlugin,
      permissionsWithDemoPolicy,
      userInfoFromDemoOrg,
      mockServices.database.factory({ knex }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          permission: { enabled: true },
          nodepools: {
            ...options.nodepools,
            clusters: options.clusters ?? [
              {
                name: 'local',
                // Requests need a cluster that can be applied to; nothing listens here.
                url: 'https://127.0.0.1:1',
                policy: {
                  approverGroups: ['group:default/platform'],
                  ...policy,
                },
              },
            ],
          },
        },
      }),
    ],
  });
  if (!options.clusters) {
    // Approvals run a pass at once, not through the scheduler: as another replica that holds
    // the default cluster's lease for good, keep the reconciler off the address nothing serves.
    await knex('nodepools_cluster_passes')
      .insert({
        cluster: 'local',
        holder: 'api-tests',
        lease_until: Number.MAX_SAFE_INTEGER,
      })
      .onConflict('cluster')
      .merge();
  }
  const { server } = backend;
  const api = supertest(server);
  const as = (user: string) => ({
    get: (path: string) =>
      api
        .get(`/api/nodepools${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        ),
    post: (path: string, body?: object) =>
      api
        .post(`/api/nodepools${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .send(body),
    /** Posts any JSON value (or no body at all), as a hostile client could. */
    postJson: (path: string, value: unknown) =>
      api
        .post(`/api/nodepools${path}`)
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${user}`),
        )
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(value) ?? ''),
  });
  // The test server's own type lives in a nested package; callers only need an http.Server.
  return {
    api,
    as,
    server: server as unknown as Server,
    stop: () => backend.stop(),
  };
}
