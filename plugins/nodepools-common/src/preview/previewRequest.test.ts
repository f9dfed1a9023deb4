// ~330 lines: one suite of the preview's parts (manifests, diff, policy, cost, budget) read through
// one entry point; its observed-cluster block reuses the same fixtures.
import { parseAllDocuments } from 'yaml';
import { defaultPolicy } from '../__testUtils__/arbitraries';
import { renderNodePool } from '../render/renderNodePool';
import type { PoolSpec } from '../model/PoolSpec';
import { previewRequest } from './previewRequest';

const spec: PoolSpec = {
  requirements: {
    architectures: ['amd64'],
    capacityTypes: ['spot', 'on-demand'],
  },
  limits: { cpu: '16', memory: '64Gi' },
  nodeClass: 'default',
  namespaces: ['payments-api', 'payments-batch'],
};
const request = {
  kind: 'create',
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'pci',
  justification: 'PCI workloads need dedicated nodes',
  spec,
};
const existing = {
  id: 'p1',
  owner: 'group:default/payments',
  cluster: 'local',
  name: 'pci',
  phase: 'ready' as const,
  spec,
};

describe('previewRequest', () => {
  it('builds the full preview of a new pool', () => {
    const result = previewRequest({
      request,
      policy: defaultPolicy,
      currentPools: [],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { preview } = result;
    expect(preview.policy.allowed).toBe(true);
    expect(preview.manifests.map(m => `${m.kind}/${m.metadata.name}`)).toEqual([
      'NodePool/payments.pci',
      'Namespace/payments-api',
      'Namespace/payments-batch',
    ]);
    expect(
      parseAllDocuments(preview.manifestsYaml).map(d => d.toJS().kind),
    ).toEqual(['NodePool', 'Namespace', 'Namespace']);
    expect(preview.diff.impact).toBe('none');
    expect(preview.cost!.low).toBeLessThan(preview.cost!.high);
    expect(preview.budgetAfter).toEqual({
      cpu: '112',
      memory: '448Gi',
      gpu: '0',
    });
    expect(preview.workloadSnippet).toEqual({
      tolerations: [
        {
          key: 'nodepools.backstage.io/team',
          operator: 'Equal',
          value: 'payments',
          effect: 'NoSchedule',
        },
      ],
      nodeSelector: { 'nodepools.backstage.io/team': 'payments' },
    });
  });

  it('shows an update as a diff against what runs, with its impact', () => {
    const approved = renderNodePool(
      { id: 'p1', owner: existing.owner, name: 'pci', generation: 1 },
      spec,
      defaultPolicy,
    );
    const result = previewRequest({
      request: {
        ...request,
        kind: 'update',
        spec: { ...spec, expireAfter: '168h' },
      },
      policy: defaultPolicy,
      currentPools: [existing],
      approved,
      nodeCount: 12,
      poolId: 'p1',
      generation: 1,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.preview.diff.changes.map(c => c.path)).toEqual([
      'spec.template.spec.expireAfter',
    ]);
    expect(result.preview.impactSummary).toContain('replaces all 12 nodes');
    expect(result.preview.diffBase).toMatchObject({ source: 'approved' });
  });

  describe('against what the reconciler observed in the cluster', () => {
    const approved = renderNodePool(
      { id: 'p1', owner: existing.owner, name: 'pci', generation: 1 },
      spec,
      defaultPolicy,
    );
    // As the API server returns it: our fields (keys in its own order), a default it added, and
    // a hand edit of the limits.
    const taint = approved.spec.template.spec.taints[0];
    const edited = {
      ...approved,
      metadata: {
        ...approved.metadata,
        annotations: { ...approved.metadata.annotations, 'kubectl.io/x': 'y' },
      },
      spec: {
        ...approved.spec,
        limits: { ...approved.spec.limits, cpu: '999' },
        disruption: {
          ...approved.spec.disruption,
          budgets: [{ nodes: '10%' }],
        },
        template: {
          ...approved.spec.template,
          spec: {
            ...approved.spec.template.spec,
            taints: [
              { effect: taint.effect, value: taint.value, key: taint.key },
            ],
          },
        },
      },
    };
    const update = {
      ...request,
      kind: 'update',
      spec: { ...spec, limits: { cpu: '32', memory: '64Gi' } },
    };
    const preview = (input: Partial<Parameters<typeof previewRequest>[0]>) => {
      const result = previewRequest({
        request: update,
        policy: defaultPolicy,
        currentPools: [existing],
        approved,
        poolId: 'p1',
        generation: 1,
        ...input,
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return result.preview;
    };

    it('diffs against the live NodePool, says how old it is, and shows where it left the approved spec', () => {
      const { diff, diffBase } = preview({
        live: { nodePool: edited, observedAt: '2026-12-06T10:00:00.000Z' },
        now: '2026-12-06T10:03:00.000Z',
      });
      // The hand-set 999 is what the change replaces; the API server's default and the foreign
      // annotation stay as they are, so they are not changes.
      expect(diff.changes).toEqual([
        {
          path: 'spec.limits.cpu',
          before: '999',
          after: '32',
          impact: 'none',
        },
      ]);
      expect(diffBase).toMatchObject({
        source: 'live',
        observedAt: '2026-12-06T10:00:00.000Z',
        ageSeconds: 180,
        drift: [
          {
            path: 'spec.limits.cpu',
            before: '999',
            after: '16',
            impact: 'none',
          },
        ],
      });
      expect(diffBase.summary).toMatch(/observed in the cluster 3 min ago/);
      expect(diffBase.summary).toMatch(
        /differed from the approved spec in 1 field\(s\) \(spec\.limits\.cpu\)/,
      );
    });

    it('shows no drift when the live NodePool matches the approved spec', () => {
      const { diff, diffBase } = preview({
        live: {
          nodePool: {
            ...approved,
            spec: {
              ...approved.spec,
              disruption: {
                ...approved.spec.disruption,
                budgets: [{ nodes: '10%' }],
              },
            },
          },
          observedAt: '2026-12-06T10:00:00.000Z',
        },
        now: '2026-12-06T10:00:40.000Z',
      });
      expect(diff.changes.map(c => [c.path, c.before])).toEqual([
        ['spec.limits.cpu', '16'],
      ]);
      expect(diffBase).toMatchObject({ source: 'live', drift: [] });
      expect(diffBase.summary).toMatch(/40 s ago; it matched/);
    });

    it('treats a pool observed without a NodePool as nothing running', () => {
      const { diff, diffBase } = preview({
        live: { observedAt: '2026-12-06T10:00:00.000Z' },
      });
      expect(diffBase).toMatchObject({ source: 'live' });
      expect(diffBase.summary).toMatch(/had no NodePool of this pool/);
      expect(diff.changes.every(c => c.before === undefined)).toBe(true);
    });

    it('refuses a pool whose NodePool name is taken by an object the portal does not manage', () => {
      const result = previewRequest({
        request,
        policy: defaultPolicy,
        currentPools: [],
        takenNames: {
          names: ['other', 'payments.pci'],
          observedAt: '2026-12-06T10:00:00.000Z',
        },
        now: '2026-12-06T10:00:10.000Z',
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect(result.preview.policy.allowed).toBe(false);
      expect(result.preview.policy.violations).toEqual([
        {
          path: 'pool',
          asked: 'pci',
          message: expect.stringMatching(
            /^the NodePool name payments\.pci is already taken on cluster local by a NodePool that backstage-nodepools does not manage \(observed 10 s ago\)/,
          ),
        },
      ]);
      const free = previewRequest({
        request,
        policy: defaultPolicy,
        currentPools: [],
        takenNames: { names: ['other'], observedAt: '2026-12-06T10:00:00Z' },
      });
      expect(free.ok && free.preview.policy.allowed).toBe(true);
    });
  });

  it("counts the team's pending requests as reserved, and says how far over the budget is", () => {
    const batch = {
      ...existing,
      id: 'p2',
      name: 'batch',
      spec: { ...spec, limits: { cpu: '8', memory: '32Gi' } },
    };
    const pending = (
      pool: string,
      limits: PoolSpec['limits'] | undefined,
      extra: Record<string, string> = {},
    ) => ({
      owner: 'group:default/payments',
      cluster: 'local',
      kind: 'create' as const,
      pool,
      spec: limits && { ...spec, limits },
      ...extra,
    });
    const result = previewRequest({
      request: {
        ...request,
        spec: { ...spec, limits: { cpu: '64', memory: '64Gi' } },
      },
      policy: defaultPolicy,
      currentPools: [batch],
      pending: [
        pending('gpu', { cpu: '48', memory: '64Gi' }),
        // A change counts its increase only: 8 -> 24 CPU reserves 16; 32Gi -> 16Gi frees nothing yet.
        pending('batch', { cpu: '24', memory: '16Gi' }, { kind: 'update' }),
        // Neither a decommission, another team, another cluster, nor this pool's own request.
        pending('old', undefined, { kind: 'decommission' }),
        pending(
          'x',
          { cpu: '50', memory: '1Gi' },
          { owner: 'group:default/search' },
        ),
        pending('y', { cpu: '50', memory: '1Gi' }, { cluster: 'prod' }),
        pending('pci', { cpu: '50', memory: '1Gi' }),
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    // 128 CPU budget - 8 held - 64 asked - 64 reserved = 8 over; 512Gi - 32Gi - 64Gi - 64Gi = 352Gi.
    expect(result.preview.budget).toEqual({
      left: { cpu: '0', memory: '352Gi', gpu: '0' },
      over: { cpu: '8' },
      reserved: { cpu: '64', memory: '64Gi', gpu: '0', requests: 2 },
    });
    // What approval enforces stays as it was: pending requests are not part of the policy verdict.
    expect(result.preview.policy.allowed).toBe(true);
    expect(result.preview.budgetAfter.cpu).toBe('56');
  });

  it('previews a decommission with nothing to apply and the budget given back', () => {
    const { spec: _s, ...target } = request;
    const result = previewRequest({
      request: { ...target, kind: 'decommission' },
      policy: defaultPolicy,
      currentPools: [existing],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.preview.manifests).toEqual([]);
    expect(result.preview.cost).toBeUndefined();
    expect(result.preview.budgetAfter.cpu).toBe('128');
  });

  it('returns field errors and nothing else for malformed input', () => {
    const result = previewRequest({
      request: {
        ...request,
        spec: { ...spec, limits: { cpu: '-1', memory: 'x' } },
      },
      policy: defaultPolicy,
      currentPools: [],
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({ path: 'spec.limits.cpu' }),
        expect.objectContaining({ path: 'spec.limits.memory' }),
      ],
    });
  });
});

describe('previewRequest cost', () => {
  const prices = {
    currency: 'USD',
    source: { kind: 'table' as const, asOf: '2026-12-01', stale: false },
    instanceTypes: [
      {
        name: 'c-4x-amd64-linux',
        vcpu: 4,
        memoryGiB: 8,
        architecture: 'amd64' as const,
        onDemandHourly: 0.17,
        spotHourly: { '*': 0.07 },
      },
    ],
  };

  it('prices the ceiling from instance types when the cluster has a price source', () => {
    const result = previewRequest({
      request,
      policy: { ...defaultPolicy, instanceCategories: [] },
      currentPools: [],
      prices,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    // 16 vCPU, 64 GiB: four c-4x nodes reach the vCPU limit.
    expect(result.preview.cost).toMatchObject({
      low: Math.round(4 * 0.07 * 730 * 100) / 100,
      high: Math.round(4 * 0.17 * 730 * 100) / 100,
      basis: { method: 'instance-prices', instanceTypes: 1 },
    });
  });

  it('falls back to the fixed rates, labelled, without a source or when it prices nothing allowed', () => {
    const without = previewRequest({
      request,
      policy: defaultPolicy,
      currentPools: [],
    });
    if (!without.ok) throw new Error('invalid');
    expect(without.preview.cost?.basis?.method).toBe('fixed-rates');
    const unpriced = previewRequest({
      request: {
        ...request,
        spec: {
          ...spec,
          requirements: { ...spec.requirements, architectures: ['arm64'] },
        },
      },
      policy: { ...defaultPolicy, instanceCategories: [] },
      currentPools: [],
      prices,
    });
    if (!unpriced.ok) throw new Error('invalid');
    expect(unpriced.preview.cost?.basis).toMatchObject({
      method: 'fixed-rates',
    });
    expect(unpriced.preview.cost?.basis?.summary).toMatch(
      /prices none of the instance types/,
    );
  });
});
