import {
  APP_BASE_URL,
  startPortalBackend,
  templateNamed,
} from './__testUtils__/startPortalBackend';

// The three templates through the real scaffolder (its dry-run API and its task runner) against
// the real nodepools backend: what a team member gets in the portal, short of the browser.

type Portal = Awaited<ReturnType<typeof startPortalBackend>>;

const team = 'group:default/payments';
const justification = 'PCI workloads need dedicated nodes';

/** What bob, of the payments team, fills in to ask for a pool. */
const requestValues = (pool: string) => ({
  owner: team,
  cluster: 'local',
  pool,
  architectures: ['amd64'],
  capacityTypes: ['spot', 'on-demand'],
  nodeClass: 'default',
  limits: { cpu: '16', memory: '64Gi' },
  namespaces: ['payments'],
  justification,
  // Set by the form's NodePoolRequestCheck field once the backend's dry run allowed it.
  policyCheck: 'allowed',
});

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

  /** A pool the team already has: bob files it, alice (platform) approves it. */
  async function grantPool(pool: string): Promise<string> {
    const filed = await portal.as('bob').post('/nodepools/requests', {
      kind: 'create',
      owner: team,
      cluster: 'local',
      pool,
      justification,
      spec: {
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['spot', 'on-demand'],
        },
        limits: { cpu: '16', memory: '64Gi' },
        nodeClass: 'default',
        namespaces: ['payments'],
      },
    });
    expect(filed.status).toBe(201);
    const approved = await portal
      .as('alice')
      .post(`/nodepools/requests/${filed.body.id}/approve`, {});
    expect(approved.body).toMatchObject({ state: 'approved' });
    return approved.body.poolId;
  }

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
        justification,
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
});
