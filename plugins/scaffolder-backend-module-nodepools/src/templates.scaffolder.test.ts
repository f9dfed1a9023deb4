// ~500 lines: every block runs the templates in one real portal backend started in beforeAll; split,
// each file would start its own.
import { guideNodePool } from '@nodepools/local-cluster/testUtils';
import { sampleFormAnswers } from '@nodepools/plugin-nodepools-common/testUtils';
import { parseAllDocuments } from 'yaml';
import {
  APP_BASE_URL,
  startPortalBackend,
  templateNamed,
} from './__testUtils__/startPortalBackend';

// The three templates through the real scaffolder (its dry-run API and its task runner) against
// the real nodepools backend: what a team member gets in the portal, short of the browser.

type Portal = Awaited<ReturnType<typeof startPortalBackend>>;

const team = 'group:default/payments';

/** What bob, of the payments team, fills in to ask for a pool. */
const requestValues = (pool: string) => ({
  ...sampleFormAnswers,
  pool,
  // Set by the form's NodePoolRequestCheck field once the backend's dry run allowed it.
  policyCheck: 'allowed',
});

/**
 * The NodePool of Step 4 of the Karpenter v1 production guide ("Define your first NodePool"), as
 * the shared fixture has it: the fields a request sets. Its limits (1000 CPU, 1000Gi) are above the test
 * cluster's ceiling, so the request asks for the ceiling instead.
 */
const guide = guideNodePool().spec;
const guideStep4 = {
  requirements: guide.template.spec.requirements,
  nodeClassRef: guide.template.spec.nodeClassRef,
  expireAfter: guide.template.spec.expireAfter,
  disruption: guide.disruption,
  weight: guide.weight,
};

/** What the form holds once the guide's Step 4 pool is filled in (the advanced step included). */
const step4Values = (pool: string) => ({
  ...requestValues(pool),
  architectures: ['amd64', 'arm64'],
  capacityTypes: ['spot', 'on-demand'],
  limits: { cpu: '64', memory: '256Gi' },
  advanced: {
    instanceCategories: ['m', 'c', 'r'],
    minInstanceGeneration: 6,
    excludedInstanceSizes: ['nano', 'micro', 'small', 'metal'],
    consolidationPolicy: 'WhenEmptyOrUnderutilized',
    consolidateAfter: '30s',
    expireAfter: '720h',
    weight: 10,
  },
});

/** Requirement values in a stable order, to compare with the guide's whatever the order. */
const sortedValues = (requirements: Array<{ values: string[] }>) =>
  requirements.map(r => ({ ...r, values: [...r.values].sort() }));

/** The change form for `pool`: twice the limits, nothing that replaces nodes. */
const changeValues = (pool: string) => ({
  ...requestValues(pool),
  limits: { cpu: '32', memory: '128Gi' },
  justification: 'Card volume doubled since the launch',
});

const decommissionValues = (pool: string) => ({
  owner: team,
  cluster: 'local',
  pool,
  justification: 'Workloads moved to the shared pool',
  policyCheck: 'allowed',
});

interface TaskOutcome {
  status: string;
  output?: { links?: Array<{ title: string; url: string }>; text?: unknown[] };
  error?: string;
}

describe('templates in the real scaffolder', () => {
  let portal: Portal;

  beforeAll(async () => {
    portal = await startPortalBackend();
  });
  afterAll(async () => {
    await portal?.backend.stop();
  });

  const dryRun = (user: string, template: string, values: object) =>
    portal.as(user).post('/scaffolder/v2/dry-run', {
      template: templateNamed(template),
      values,
      directoryContents: [],
    });

  /** Runs a template from the catalog as a task and waits for it to end. */
  async function runTask(
    user: string,
    template: string,
    values: object,
  ): Promise<TaskOutcome> {
    const created = await portal.as(user).post('/scaffolder/v2/tasks', {
      templateRef: `template:default/${template}`,
      values,
    });
    expect(created.status).toBe(201);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { body: task } = await portal
        .as(user)
        .get(`/scaffolder/v2/tasks/${created.body.id}`);
      if (!['open', 'processing'].includes(task.status)) {
        const { body: events } = await portal
          .as(user)
          .get(`/scaffolder/v2/tasks/${created.body.id}/events`);
        const completion = events.find(
          (e: { type: string }) => e.type === 'completion',
        );
        return {
          status: task.status,
          output: completion?.body.output,
          error: completion?.body.error?.message,
        };
      }
      if (Date.now() > deadline)
        throw new Error(`task ${created.body.id} is still ${task.status}`);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  /** Requests of the payments team, as the approvers' queue lists them. */
  const requestsOf = async (pool: string) => {
    const { status, body } = await portal
      .as('alice')
      .get(`/nodepools/requests?owner=${encodeURIComponent(team)}`);
    expect(status).toBe(200);
    return (body.items as Array<Record<string, any>>).filter(
      r => r.pool === pool,
    );
  };

  const grantPool = (pool: string) => portal.grantPool(pool);

  const previewText = (output: TaskOutcome['output']) =>
    (output?.text as Array<{ title: string; content: string }>).find(
      t => t.title === 'Preview',
    )?.content;

  describe('request-node-pool', () => {
    it('dry-runs to the backend preview and files nothing', async () => {
      const { status, body } = await dryRun(
        'bob',
        'request-node-pool',
        requestValues('dry'),
      );

      expect(status).toBe(200);
      const preview = previewText(body.output);
      expect(preview).toContain(
        'Within the cluster policy. Monthly cost ceiling 279.15–762.7 USD. Team budget left on the cluster afterwards: 112 CPU, 448Gi memory, 0 GPU.',
      );
      // Nothing listens at the cluster's url: the preview says its API server was not asked.
      expect(preview).toContain(
        "Not checked by local's API server: local could not be reached; only the portal's own checks apply.",
      );
      expect(preview).toContain('name: payments.dry');
      expect(preview).toContain('memory: 64Gi');
      // Nothing was filed, so there is no request to follow.
      expect(body.output.links).toEqual([]);
      expect(await requestsOf('dry')).toEqual([]);
    });

    it("renders the production guide's Step 4 NodePool from the form's values, field by field", async () => {
      const { status, body } = await dryRun(
        'bob',
        'request-node-pool',
        step4Values('general'),
      );

      expect(status).toBe(200);
      const preview = previewText(body.output) ?? '';
      expect(preview).toMatch(/^Within the cluster policy\./);
      const yaml = /```yaml\n([\s\S]*)```/.exec(preview)?.[1] ?? '';
      const nodePool = parseAllDocuments(yaml)
        .map(d => d.toJS())
        .find(m => m?.kind === 'NodePool');
      const spec = nodePool.spec;
      expect(sortedValues(spec.template.spec.requirements)).toEqual(
        sortedValues(guideStep4.requirements),
      );
      expect(spec.template.spec.nodeClassRef).toEqual(guideStep4.nodeClassRef);
      expect(spec.template.spec.expireAfter).toBe(guideStep4.expireAfter);
      expect(spec.disruption).toEqual(guideStep4.disruption);
      expect(spec.weight).toBe(guideStep4.weight);
      expect(spec.limits).toEqual({
        cpu: '64',
        memory: '256Gi',
        'nvidia.com/gpu': '0',
      });
    });

    it('files the advanced settings it is given, budgets and grace period included', async () => {
      const values = step4Values('batchy');
      const budgets = [
        { nodes: '10%' },
        {
          nodes: '0',
          schedule: '0 9 * * mon-fri',
          duration: '8h',
          reasons: ['Underutilized', 'Empty'],
        },
      ];
      const outcome = await runTask('bob', 'request-node-pool', {
        ...values,
        advanced: {
          ...values.advanced,
          zones: ['eu-west-1a'],
          budgets,
          terminationGracePeriod: '48h',
        },
      });

      expect(outcome).toMatchObject({ status: 'completed' });
      const [request] = await requestsOf('batchy');
      expect(request.spec).toEqual({
        requirements: {
          architectures: ['amd64', 'arm64'],
          capacityTypes: ['spot', 'on-demand'],
          instanceCategories: ['m', 'c', 'r'],
          minInstanceGeneration: 6,
          excludedInstanceSizes: ['nano', 'micro', 'small', 'metal'],
          zones: ['eu-west-1a'],
        },
        limits: { cpu: '64', memory: '256Gi' },
        disruption: {
          consolidationPolicy: 'WhenEmptyOrUnderutilized',
          consolidateAfter: '30s',
          budgets,
        },
        expireAfter: '720h',
        terminationGracePeriod: '48h',
        weight: 10,
        nodeClass: 'default',
        namespaces: ['payments'],
      });
    });

    it('dry-runs a request the policy refuses to the violation, before anything is filed', async () => {
      const { status, body } = await dryRun('bob', 'request-node-pool', {
        ...requestValues('huge'),
        limits: { cpu: '96', memory: '64Gi' },
      });

      expect(status).toBe(200);
      expect(previewText(body.output)).toMatch(
        /^Refused by the cluster policy: spec\.limits\.cpu: .*96.*64/,
      );
    });

    it('files a pending request as the user who runs it, and links to it', async () => {
      const outcome = await runTask(
        'bob',
        'request-node-pool',
        requestValues('pci'),
      );

      expect(outcome).toMatchObject({ status: 'completed' });
      const [request, ...others] = await requestsOf('pci');
      expect(others).toEqual([]);
      expect(request).toMatchObject({
        kind: 'create',
        state: 'pending',
        requester: 'user:default/bob',
        owner: team,
        cluster: 'local',
        spec: {
          limits: { cpu: '16', memory: '64Gi' },
          requirements: { capacityTypes: ['spot', 'on-demand'] },
          namespaces: ['payments'],
        },
        justification: sampleFormAnswers.justification,
      });
      expect(outcome.output?.links).toEqual([
        {
          title: 'Follow the request',
          url: `${APP_BASE_URL}/nodepools/requests/${request.id}`,
        },
      ]);
      expect(outcome.output?.text).toEqual([
        {
          title: 'Put this in your workloads',
          content: expect.stringContaining(
            'nodeSelector:\n  nodepools.backstage.io/team: payments\n',
          ),
        },
      ]);
    });
  });

  describe('request-node-pool with a lifetime', () => {
    it('files the lifetime the form asked for; left empty, the request has none', async () => {
      const outcome = await runTask('bob', 'request-node-pool', {
        ...requestValues('trial'),
        lifetime: '30d',
      });
      expect(outcome).toMatchObject({ status: 'completed' });
      expect(await requestsOf('trial')).toEqual([
        expect.objectContaining({ state: 'pending', lifetime: '30d' }),
      ]);
      // pci was filed above without the field: no lifetime, as the demo's policy has no default.
      const [pci] = await requestsOf('pci');
      expect(pci.lifetime).toBeUndefined();
    });
  });

  describe('change-node-pool', () => {
    let poolId: string;
    beforeAll(async () => {
      poolId = await grantPool('batch');
    });

    it('dry-runs to the diff against the running pool', async () => {
      const { status, body } = await dryRun(
        'bob',
        'change-node-pool',
        changeValues('batch'),
      );

      expect(status).toBe(200);
      const preview = previewText(body.output);
      expect(preview).toContain(
        'Within the cluster policy. Monthly cost ceiling 558.3–1525.41 USD. Team budget left on the cluster afterwards: 96 CPU, 384Gi memory, 0 GPU.',
      );
      expect(preview).toContain('No node is replaced by this change.');
      expect(preview).toContain(`nodepools.backstage.io/pool-id: ${poolId}`);
      expect(preview).toContain('cpu: "32"');
    });

    it('files a pending update of the pool, with links to the request and the pool', async () => {
      const outcome = await runTask(
        'bob',
        'change-node-pool',
        changeValues('batch'),
      );

      expect(outcome).toMatchObject({ status: 'completed' });
      const pending = (await requestsOf('batch')).filter(
        r => r.state === 'pending',
      );
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({
        kind: 'update',
        poolId,
        requester: 'user:default/bob',
        spec: { limits: { cpu: '32', memory: '128Gi' } },
      });
      expect(outcome.output?.links).toEqual([
        {
          title: 'Follow the request',
          url: `${APP_BASE_URL}/nodepools/requests/${pending[0].id}`,
        },
        { title: 'The pool', url: `${APP_BASE_URL}/nodepools/pools/${poolId}` },
      ]);
    });
  });

  describe('decommission-node-pool', () => {
    let poolId: string;
    beforeAll(async () => {
      poolId = await grantPool('legacy');
    });

    it('dry-runs to the removal preview', async () => {
      const { status, body } = await dryRun(
        'erin',
        'decommission-node-pool',
        decommissionValues('legacy'),
      );

      expect(status).toBe(200);
      expect(previewText(body.output)).toBe(
        // The team keeps batch (16 CPU, 64Gi; its change is only pending) once legacy is gone.
        'Within the cluster policy. Team budget left on the cluster afterwards: 112 CPU, 448Gi memory, 0 GPU.\n\nOnce approved, the NodePool is deleted and Karpenter drains and removes every node of the pool.\n',
      );
    });

    it('files a pending decommission as the user who runs it, with links to the request and the pool', async () => {
      const outcome = await runTask(
        'erin',
        'decommission-node-pool',
        decommissionValues('legacy'),
      );

      expect(outcome).toMatchObject({ status: 'completed' });
      const pending = (await requestsOf('legacy')).filter(
        r => r.state === 'pending',
      );
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({
        kind: 'decommission',
        poolId,
        requester: 'user:default/erin',
      });
      expect(outcome.output?.links).toEqual([
        {
          title: 'Follow the request',
          url: `${APP_BASE_URL}/nodepools/requests/${pending[0].id}`,
        },
        { title: 'The pool', url: `${APP_BASE_URL}/nodepools/pools/${poolId}` },
      ]);
    });
  });

  describe('a user outside the owning team', () => {
    beforeAll(async () => {
      await grantPool('shared');
    });

    it.each([
      ['request-node-pool', requestValues('search-pool')],
      ['change-node-pool', changeValues('shared')],
      ['decommission-node-pool', decommissionValues('shared')],
    ])(
      'gets %s failed with the backend reason, and nothing filed',
      async (template, values) => {
        const before = await requestsOf(values.pool);

        const outcome = await runTask('carol', template, values);

        expect(outcome.status).toBe('failed');
        expect(outcome.error).toBe(
          'you may not request node pools for group:default/payments: you are not a member of that team',
        );
        expect(await requestsOf(values.pool)).toEqual(before);
      },
    );
  });

  // Last: its pool takes from the team's budget, which the previews above state.
  describe('change-node-pool on a pool set up through the API', () => {
    it('files back every part of the spec it started from, so only what the user changed changes', async () => {
      // A pool set up through the API with every part the model has, the form's or not.
      const spec = {
        requirements: {
          architectures: ['amd64', 'arm64'],
          capacityTypes: ['spot'],
          instanceCategories: ['c', 'm'],
          minInstanceGeneration: 7,
          instanceSizes: ['2xlarge', '4xlarge'],
          zones: ['eu-west-1a'],
        },
        limits: { cpu: '16', memory: '64Gi' },
        disruption: {
          consolidationPolicy: 'WhenEmpty',
          consolidateAfter: '5m',
          budgets: [{ nodes: '0', schedule: '@daily', duration: '1h' }],
        },
        expireAfter: '336h',
        terminationGracePeriod: '24h',
        weight: 30,
        nodeClass: 'default',
        namespaces: ['payments', 'payments-batch'],
      };
      const filed = await portal.as('bob').post('/nodepools/requests', {
        kind: 'create',
        owner: team,
        cluster: 'local',
        pool: 'tuned',
        justification: sampleFormAnswers.justification,
        spec,
      });
      expect(filed.status).toBe(201);
      await portal
        .as('alice')
        .post(`/nodepools/requests/${filed.body.id}/approve`, {});

      // The change form as its fields start it from the pool's spec; the user doubles the limits.
      const outcome = await runTask('bob', 'change-node-pool', {
        owner: team,
        cluster: 'local',
        pool: 'tuned',
        architectures: spec.requirements.architectures,
        capacityTypes: spec.requirements.capacityTypes,
        nodeClass: spec.nodeClass,
        limits: { cpu: '32', memory: '128Gi' },
        namespaces: spec.namespaces,
        advanced: {
          instanceCategories: spec.requirements.instanceCategories,
          minInstanceGeneration: spec.requirements.minInstanceGeneration,
          instanceSizes: spec.requirements.instanceSizes,
          zones: spec.requirements.zones,
          ...spec.disruption,
          expireAfter: spec.expireAfter,
          terminationGracePeriod: spec.terminationGracePeriod,
          weight: spec.weight,
        },
        justification: 'More load, same shape',
        policyCheck: 'allowed',
      });

      expect(outcome).toMatchObject({ status: 'completed' });
      const [change] = (await requestsOf('tuned')).filter(
        r => r.state === 'pending',
      );
      expect(change.spec).toEqual({
        ...spec,
        limits: { cpu: '32', memory: '128Gi' },
      });
    });
  });
});
