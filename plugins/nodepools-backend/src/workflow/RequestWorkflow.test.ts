// Over 300 lines: the whole request lifecycle through the facade, on every database, in one suite.
import { ConflictError, NotAllowedError } from '@backstage/errors';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  createRequest,
  people,
  poolRequest,
  rowCounts,
  setupWorkflow,
} from '../__testUtils__/fixtures';
import { FieldValidationError } from './FieldValidationError';
import { parsePoolRequest } from './parsePoolRequest';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'RequestWorkflow on %s',
  databaseId => {
    const setup = async (policy: Record<string, unknown> = {}) => {
      const knex = await databases.init(databaseId);
      return { knex, ...(await setupWorkflow(knex, policy)) };
    };

    it('files a valid request as pending, with history', async () => {
      const { workflow, store } = await setup();
      const request = await workflow.file(poolRequest(), people.bob);
      expect(request).toMatchObject({
        state: 'pending',
        requester: 'user:default/bob',
        owner: 'group:default/payments',
        policy: { allowed: true },
      });
      expect(request.expiresAt).toBe('2026-12-01T10:00:00.000Z');
      const stored = await store.getRequest(request.id);
      expect(stored).toMatchObject({
        state: 'pending',
        spec: createRequest().spec,
      });
      const history = await store.history({ requestId: request.id, limit: 10 });
      expect(history.items.map(e => e.type)).toEqual(['request.created']);
    });

    it('refuses malformed input and policy violations, writing nothing', async () => {
      const { workflow, knex } = await setup({
        maxPoolLimits: { cpu: '8', memory: '64Gi' },
      });
      const before = await rowCounts(knex);
      // Malformed input never reaches the workflow: the route parses it first.
      const malformed = () =>
        parsePoolRequest(
          createRequest({ pool: 'Bad Name', spec: { limits: {} } }),
        );
      expect(malformed).toThrow(FieldValidationError);
      expect(malformed).toThrow(
        expect.objectContaining({
          fieldErrors: expect.arrayContaining([
            expect.objectContaining({ path: 'pool' }),
          ]),
        }),
      );
      const overLimit = workflow.file(poolRequest(), people.bob);
      await expect(overLimit).rejects.toMatchObject({
        violations: [expect.objectContaining({ path: 'spec.limits.cpu' })],
      });
      await expect(
        workflow.file(poolRequest({ cluster: 'mars' }), people.bob),
      ).rejects.toMatchObject({
        fieldErrors: [expect.objectContaining({ path: 'cluster' })],
      });
      expect(await rowCounts(knex)).toEqual(before);
    });

    it('needs the quorum of distinct approvers, then grants the pool', async () => {
      const { workflow, store, tick, approved } = await setup({ quorum: 2 });
      const request = await workflow.file(poolRequest(), people.bob);
      tick();
      const first = await workflow.decide(
        request.id,
        people.approver(1),
        'approve',
        'fine',
      );
      expect(first.state).toBe('pending');
      await expect(
        workflow.decide(request.id, people.approver(1), 'approve'),
      ).rejects.toBeInstanceOf(ConflictError);
      expect(approved).toEqual([]);
      tick();
      const second = await workflow.decide(
        request.id,
        people.approver(2),
        'approve',
      );
      expect(second.state).toBe('approved');
      expect(second.decisions.map(d => d.actor)).toEqual([
        'user:default/approver-1',
        'user:default/approver-2',
      ]);
      expect(approved).toEqual(['local']);
      const pool = await store.getPool(second.poolId!);
      expect(pool).toMatchObject({
        name: 'pci',
        owner: 'group:default/payments',
        phase: 'provisioning',
        generation: 1,
        approvedRequestId: request.id,
      });
      const history = await store.history({ poolId: pool!.id, limit: 10 });
      expect(history.items.map(e => e.type)).toEqual([
        'request.approved',
        'pool.created',
      ]);
    });

    it("puts each approver's comment in the history and keeps the preview approved on", async () => {
      const { workflow, store, tick } = await setup({ quorum: 2 });
      const request = await workflow.file(poolRequest(), people.bob);
      tick();
      await workflow.decide(
        request.id,
        people.approver(1),
        'approve',
        'limits look right',
      );
      expect(await store.approvedPreview(request.id)).toBeUndefined();
      tick();
      const approved = await workflow.decide(
        request.id,
        people.approver(2),
        'approve',
        'cost checked',
      );
      const history = await store.history({ requestId: request.id, limit: 10 });
      expect(history.items.map(e => [e.type, e.message])).toEqual([
        [
          'request.approved',
          'user:default/approver-2 approved: "cost checked"; create of pci is waiting to be applied',
        ],
        ['pool.created', expect.any(String)],
        [
          'request.approval-recorded',
          'user:default/approver-1 approved (1 of 2): "limits look right"',
        ],
        ['request.created', expect.any(String)],
      ]);
      expect(approved.decisions.map(d => d.comment)).toEqual([
        'limits look right',
        'cost checked',
      ]);

      const kept = await store.approvedPreview(request.id);
      expect(kept).toMatchObject({
        approvedAt: approved.updatedAt,
        warnings: [],
        preview: {
          request: { kind: 'create', pool: 'pci' },
          policy: { allowed: true },
          manifests: expect.arrayContaining([
            expect.objectContaining({
              kind: 'NodePool',
              metadata: expect.objectContaining({ name: 'payments.pci' }),
            }),
          ]),
        },
      });
      expect(kept!.preview.diff.changes.length).toBeGreaterThan(0);
      expect(kept!.preview.manifestsYaml).toContain('payments.pci');
    });

    it('never lets requesters or non-approvers decide', async () => {
      const { workflow } = await setup();
      const request = await workflow.file(poolRequest(), people.bob);
      await expect(
        workflow.decide(request.id, people.bob, 'approve'),
      ).rejects.toBeInstanceOf(NotAllowedError);
      await expect(
        workflow.decide(request.id, people.carol, 'approve'),
      ).rejects.toThrow(/only members of group:default\/platform/);
      const selfApprover = { ...people.alice };
      const own = await workflow.file(
        poolRequest({
          pool: 'platform-tools',
          owner: 'group:default/platform',
          spec: { ...createRequest().spec, namespaces: ['platform-tools'] },
        }),
        selfApprover,
      );
      await expect(
        workflow.decide(own.id, selfApprover, 'approve'),
      ).rejects.toThrow('requesters never decide on their own request');
    });

    it('rejects with a reason and changes no pool', async () => {
      const { workflow, store } = await setup();
      const request = await workflow.file(poolRequest(), people.bob);
      const rejected = await workflow.decide(
        request.id,
        people.alice,
        'reject',
        'use the shared pool',
      );
      // Only an approval keeps a preview: nothing was agreed to here.
      expect(await store.approvedPreview(request.id)).toBeUndefined();
      expect(rejected).toMatchObject({
        state: 'rejected',
        reason: 'use the shared pool',
      });
      expect((await store.listPools({ limit: 10 })).items).toEqual([]);
      await expect(
        workflow.decide(request.id, people.approver(2), 'approve'),
      ).rejects.toThrow(/is rejected, not pending/);
    });

    it('applies an approved update as a new generation and a decommission as decommissioning', async () => {
      const { workflow, store, tick } = await setup();
      const created = await workflow.decide(
        (
          await workflow.file(poolRequest(), people.bob)
        ).id,
        people.alice,
        'approve',
      );
      tick();
      const spec = {
        ...createRequest().spec,
        limits: { cpu: '32', memory: '64Gi' },
      };
      const update = await workflow.file(
        poolRequest({ kind: 'update', spec }),
        people.bob,
      );
      expect(update.poolId).toBe(created.poolId);
      await workflow.decide(update.id, people.alice, 'approve');
      expect(await store.getPool(created.poolId!)).toMatchObject({
        generation: 2,
        spec: { limits: { cpu: '32' } },
        approvedRequestId: update.id,
      });
      tick();
      const { spec: _s, ...target } = createRequest();
      const decommission = await workflow.file(
        {
          ...target,
          kind: 'decommission',
          justification: 'moving to the shared pool',
        },
        people.bob,
      );
      await workflow.decide(decommission.id, people.alice, 'approve');
      expect(await store.getPool(created.poolId!)).toMatchObject({
        phase: 'decommissioning',
        generation: 2,
      });
    });

    it('holds one pending request per pool', async () => {
      const { workflow } = await setup();
      await workflow.file(poolRequest(), people.bob);
      await expect(
        workflow.file(poolRequest(), {
          ...people.bob,
          userRef: 'user:default/erin',
        }),
      ).rejects.toThrow(/already has a pending request/);
    });

    it('lets only the requester cancel, and expires what nobody decided', async () => {
      const { workflow, store, clock } = await setup({ requestExpiryHours: 1 });
      const a = await workflow.file(poolRequest(), people.bob);
      await expect(workflow.cancel(a.id, people.alice)).rejects.toBeInstanceOf(
        NotAllowedError,
      );
      expect(
        (await workflow.cancel(a.id, people.bob, 'changed my mind')).state,
      ).toBe('cancelled');
      const b = await workflow.file(poolRequest(), people.bob);
      clock.now = new Date(clock.now.getTime() + 2 * 3600_000);
      await expect(
        workflow.decide(b.id, people.alice, 'approve'),
      ).rejects.toThrow(/expired/);
      expect(await workflow.expirePending()).toBe(1);
      expect(await workflow.expirePending()).toBe(0);
      expect(await store.getRequest(b.id)).toMatchObject({ state: 'expired' });
    });

    it.each([1, 3])(
      'turns N racing approvals into exactly one approval transition (quorum %i)',
      async quorum => {
        const { workflow, store } = await setup({ quorum });
        const request = await workflow.file(poolRequest(), people.bob);
        const racers = Array.from({ length: 8 }, (_, i) =>
          workflow.decide(request.id, people.approver(i), 'approve'),
        );
        const results = await Promise.allSettled(racers);
        const fulfilled = results.filter(r => r.status === 'fulfilled');
        const rejected = results.filter(
          r => r.status === 'rejected',
        ) as PromiseRejectedResult[];
        for (const r of rejected)
          expect(r.reason).toBeInstanceOf(ConflictError);
        // Exactly `quorum` approvals count; the rest arrive after the transition and are refused.
        expect(fulfilled).toHaveLength(quorum);
        const final = await store.getRequest(request.id);
        expect(final!.state).toBe('approved');
        expect(final!.decisions).toHaveLength(quorum);
        const events = await store.history({
          requestId: request.id,
          limit: 50,
        });
        expect(
          events.items.filter(e => e.type === 'request.approved'),
        ).toHaveLength(1);
        expect((await store.listPools({ limit: 10 })).items).toHaveLength(1);
      },
    );

    it("previews the team's budget with its pending requests reserved and how far over it is", async () => {
      const { workflow } = await setup({
        teamBudget: { cpu: '40', memory: '1Ti' },
      });
      await workflow.file(poolRequest({ pool: 'one' }), people.bob);
      await workflow.file(
        poolRequest({
          pool: 'two',
          spec: { ...createRequest().spec, namespaces: ['payments-2'] },
        }),
        people.bob,
      );
      // Another team's pending request takes nothing from this team's budget.
      await workflow.file(
        poolRequest({
          owner: 'group:default/search',
          pool: 'other',
          spec: { ...createRequest().spec, namespaces: ['search'] },
        }),
        people.carol,
      );
      const preview = await workflow.preview(
        poolRequest({
          pool: 'three',
          spec: {
            ...createRequest().spec,
            limits: { cpu: '24', memory: '64Gi' },
            namespaces: ['payments-3'],
          },
        }),
      );
      // 40 CPU - 24 asked - 2 x 16 reserved = 16 over; the policy verdict ignores pending requests.
      expect(preview.budget).toMatchObject({
        over: { cpu: '16' },
        reserved: { cpu: '32', memory: '128Gi', requests: 2 },
      });
      expect(preview.policy.allowed).toBe(true);
    });

    it('re-checks the budget at approval time', async () => {
      const { workflow } = await setup({
        teamBudget: { cpu: '20', memory: '1Ti' },
      });
      const first = await workflow.file(
        poolRequest({ pool: 'one' }),
        people.bob,
      );
      const second = await workflow.file(
        poolRequest({
          pool: 'two',
          spec: { ...createRequest().spec, namespaces: ['payments-2'] },
        }),
        people.bob,
      );
      await workflow.decide(first.id, people.alice, 'approve');
      await expect(
        workflow.decide(second.id, people.alice, 'approve'),
      ).rejects.toThrow(/no longer fits the cluster policy: spec.limits.cpu/);
    });

    it('serialises concurrent approvals that share a team budget', async () => {
      const { workflow, store } = await setup({
        teamBudget: { cpu: '40', memory: '1Ti' },
      });
      // Three 16-cpu pools against a 40-cpu budget: at most two may be granted, however they race.
      const filed = await Promise.all(
        ['one', 'two', 'three'].map((pool, i) =>
          workflow.file(
            poolRequest({
              pool,
              spec: { ...createRequest().spec, namespaces: [`payments-${i}`] },
            }),
            people.bob,
          ),
        ),
      );
      const results = await Promise.allSettled(
        filed.map((request, i) =>
          workflow.decide(request.id, people.approver(i), 'approve'),
        ),
      );
      const refused = results.filter(
        r => r.status === 'rejected',
      ) as PromiseRejectedResult[];
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toBeInstanceOf(ConflictError);
      const pools = (await store.listPools({ limit: 10 })).items;
      expect(pools).toHaveLength(2);
    });
  },
);
