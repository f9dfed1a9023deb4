import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { describeApiServer } from '@nodepools/local-cluster';
import knexFactory, { type Knex } from 'knex';
import os from 'node:os';
import {
  reconcilerToken,
  SHARED_POLICY,
} from '../../reconciler/__testUtils__/reconcilerTestEnv';
import { createTestDatabases } from '../testDatabases';
import { createRequest } from '../fixtures';
import { startApi } from '../startApi';
import { quantile, writeBenchmarkSection } from './benchmarkReport';

const SAMPLES = 40;
jest.setTimeout(600_000);

const databases = createTestDatabases();
const POSTGRES = databases
  .eachSupportedId()
  .find(([id]) => id.startsWith('POSTGRES'))?.[0];

const fmt = (value: number) =>
  value >= 100 ? value.toFixed(0) : value.toFixed(1);

/**
 * Approve → applied through the plugin as a production backend wires it: the real plugin on a
 * test backend, Backstage's real scheduler, HTTP requests as a user's browser sends them, the
 * local control plane; one or two replicas (test backends) on one database. The time runs from
 * the approval's HTTP answer to the request reading `applied` in the database (polled every 5 ms).
 */
describeApiServer(
  'benchmark: approve → applied through the shipped wiring',
  suite => {
    it('measures SQLite, PostgreSQL, and two replicas on PostgreSQL', async () => {
      const token = await reconcilerToken(suite);
      const clusters = [
        {
          name: 'local',
          url: suite.connection.server,
          caData: suite.connection.caData,
          auth: { type: 'serviceAccount', token },
          policy: {
            approverGroups: ['group:default/platform'],
            ...SHARED_POLICY,
          },
        },
      ];
      const rows: string[] = [];
      const runs: Array<{ label: string; id: string; replicas: number }> = [
        { label: 'SQLite, one replica', id: 'SQLITE_3', replicas: 1 },
      ];
      if (POSTGRES)
        runs.push(
          { label: 'PostgreSQL, one replica', id: POSTGRES, replicas: 1 },
          {
            label:
              'PostgreSQL, two replicas (filed and approved on alternate ones)',
            id: POSTGRES,
            replicas: 2,
          },
        );
      for (const [index, run] of runs.entries()) {
        const knex = await databases.init(run.id as any);
        const extra: Knex[] = [];
        const replicas = [];
        for (let r = 0; r < run.replicas; r++) {
          const own = r === 0 ? knex : knexFactory(knex.client.config);
          if (r > 0) extra.push(own);
          replicas.push(
            await startApi(
              own,
              {},
              {
                clusters,
                features: [schedulerServiceFactory],
              },
            ),
          );
        }
        const pool = suite.name(`bench-${index}`);
        const waitApplied = async (id: string) => {
          for (;;) {
            const row = await knex('nodepools_requests')
              .where('id', id)
              .first('state');
            if (row?.state === 'applied') return;
            if (row?.state === 'failed')
              throw new Error(`request ${id} failed`);
            await new Promise(resolve => setTimeout(resolve, 5));
          }
        };
        const samples: number[] = [];
        // The first request creates the pool; each later one resizes it (an update, as a team
        // raising its limits sends), so the team's budget holds for any number of samples.
        for (let s = 0; s <= SAMPLES; s++) {
          const replica = replicas[s % replicas.length];
          const approver = replicas[(s + 1) % replicas.length];
          const filed = await replica.as('bob').post(
            '/requests',
            createRequest({
              kind: s === 0 ? 'create' : 'update',
              pool,
              spec: {
                ...createRequest().spec,
                limits: { cpu: s % 2 ? '2' : '1', memory: '2Gi' },
                namespaces: [suite.namespace],
              },
            }),
          );
          if (filed.status !== 201)
            throw new Error(`filing failed: ${JSON.stringify(filed.body)}`);
          const approved = await approver
            .as('alice')
            .post(`/requests/${filed.body.id}/approve`, {});
          if (approved.status !== 200)
            throw new Error(
              `approval failed: ${JSON.stringify(approved.body)}`,
            );
          const start = process.hrtime.bigint();
          await waitApplied(filed.body.id);
          if (s > 0)
            samples.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        rows.push(
          `| ${run.label} | ${samples.length} | ${fmt(
            quantile(samples, 0.5),
          )} ms | ${fmt(quantile(samples, 0.99))} ms | ${fmt(
            Math.max(...samples),
          )} ms |`,
        );
        for (const replica of replicas) await replica.stop();
        for (const other of extra) await other.destroy();
      }
      writeBenchmarkSection(
        'approve-to-applied',
        `## Approve → applied through the shipped wiring

\`approveToApplied.bench.ts\`: the real plugin on Backstage test backends with Backstage's real
scheduler (its task runs every 30 s as the safety net), filed and approved over HTTP as demo users,
against the local control plane (kube-apiserver with the Karpenter CRDs, the shipped RBAC's token).
Each sample resizes one pool; the time runs from the approval's HTTP answer until the request reads
\`applied\` in the database. The approving replica starts the cluster's pass at once under the
cluster's lease in the plugin's database; with two replicas, the one holding the lease serves a
request made on the other before letting go. The baseline is the wiring before this: an approval
that triggers the scheduler's task and waits for the scheduler to poll its task table, the row
"through Backstage's scheduler" of the reconciler section, measured in the same \`./scripts/bench\` run.

| database and replicas | samples | p50 | p99 | max |
|---|---|---|---|---|
${rows.join('\n')}

Machine: ${os.cpus().length} cores, ${Math.round(
          os.totalmem() / 2 ** 30,
        )} GiB, Node ${process.version}.`,
      );
    });
  },
  { timeoutMs: 600_000 },
);
