import { mockServices } from '@backstage/backend-test-utils';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { sampleRequest } from '@nodepools/plugin-nodepools-common/testUtils';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import type { Knex } from 'knex';
import { DatabaseNodePoolsStore } from '../database/DatabaseNodePoolsStore';
import { parsePoolRequest } from '../workflow/parsePoolRequest';
import { RequestWorkflow, type Actor } from '../workflow/RequestWorkflow';

/** A config with one cluster; policy overrides merge over the defaults. */
export function testConfig(
  policy: Record<string, unknown> = {},
): NodePoolsConfig {
  return {
    platformOwner: 'group:default/platform',
    clusters: [
      {
        name: 'local',
        title: 'Local',
        url: 'https://127.0.0.1:1',
        policy: clusterPolicySchema.parse({
          approverGroups: ['group:default/platform'],
          ...policy,
        }),
      },
    ],
  };
}

/** Demo personas. */
export const people = {
  bob: {
    userRef: 'user:default/bob',
    ownershipRefs: ['user:default/bob', 'group:default/payments'],
  },
  carol: {
    userRef: 'user:default/carol',
    ownershipRefs: ['user:default/carol', 'group:default/search'],
  },
  alice: {
    userRef: 'user:default/alice',
    ownershipRefs: ['user:default/alice', 'group:default/platform'],
  },
  approver: (n: number): Actor => ({
    userRef: `user:default/approver-${n}`,
    ownershipRefs: [`user:default/approver-${n}`, 'group:default/platform'],
  }),
};

/** A valid create request for the payments team (the suite's shared sample), with overrides. */
export function createRequest(overrides: Record<string, unknown> = {}) {
  return { ...structuredClone(sampleRequest), ...overrides };
}

/** {@link createRequest} parsed as the route parses a body, for the workflow's own calls. */
export function poolRequest(overrides: Record<string, unknown> = {}) {
  return parsePoolRequest(createRequest(overrides));
}

/** A store and workflow on a fresh database, with a controllable clock. */
export async function setupWorkflow(
  knex: Knex,
  policy: Record<string, unknown> = {},
) {
  const clock = { now: new Date('2026-11-24T10:00:00.000Z') };
  const database = mockServices.database.mock({ getClient: async () => knex });
  const store = await DatabaseNodePoolsStore.create({ database });
  const approved: string[] = [];
  const workflow = new RequestWorkflow({
    store,
    config: testConfig(policy),
    logger: mockServices.logger.mock(),
    now: () => new Date(clock.now),
    onApproved: cluster => approved.push(cluster),
  });
  /** Advances the clock by a millisecond per call, so rows get distinct timestamps. */
  const tick = (ms = 1) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { store, workflow, clock, tick, approved };
}

/** Row counts of every table: "nothing was written" is these staying the same. */
export async function rowCounts(knex: Knex) {
  const count = async (table: string) =>
    Number((await knex(table).count({ n: '*' }))[0].n);
  return {
    pools: await count('nodepools_pools'),
    requests: await count('nodepools_requests'),
    decisions: await count('nodepools_decisions'),
    events: await count('nodepools_events'),
    observedNodePools: await count('nodepools_observed_nodepools'),
    clusterObservations: await count('nodepools_cluster_observations'),
    approvedPreviews: await count('nodepools_approved_previews'),
  };
}
