import { clusterPolicySchema } from '../policy/ClusterPolicy';
import type { PoolSpec } from '../model/PoolSpec';
import { renderNodePool } from '../render/renderNodePool';
import {
  describeImpact,
  diffNodePools,
  impactOfPath,
  nodePoolPaths,
} from './diffNodePools';

const policy = clusterPolicySchema.parse({});
const base: PoolSpec = {
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '16', memory: '64Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
};
const render = (spec: PoolSpec, generation = 1) =>
  renderNodePool(
    { id: 'p1', owner: 'group:default/payments', name: 'pci', generation },
    spec,
    policy,
  );

describe('diffNodePools', () => {
  it.each([
    [
      'limits',
      { limits: { cpu: '32', memory: '64Gi' } },
      'none',
      'spec.limits.cpu',
    ],
    ['weight', { weight: 50 }, 'none', 'spec.weight'],
    [
      'disruption',
      { disruption: { consolidateAfter: '10m' } },
      'none',
      'spec.disruption.consolidateAfter',
    ],
    [
      'expireAfter',
      { expireAfter: '168h' },
      'all-nodes',
      'spec.template.spec.expireAfter',
    ],
    [
      'terminationGracePeriod',
      { terminationGracePeriod: '1h' },
      'all-nodes',
      'spec.template.spec.terminationGracePeriod',
    ],
    [
      'node class',
      { nodeClass: 'gpu' },
      'all-nodes',
      'spec.template.spec.nodeClassRef.name',
    ],
    [
      'requirements',
      {
        requirements: {
          architectures: ['amd64', 'arm64'],
          capacityTypes: ['spot'],
        },
      },
      'nodes-not-fitting',
      'spec.template.spec.requirements',
    ],
  ] as const)('a change of %s has impact %s', (_name, patch, impact, path) => {
    const diff = diffNodePools(
      render(base),
      render({ ...base, ...patch } as PoolSpec),
    );
    expect(diff.impact).toBe(impact);
    expect(diff.changes.map(c => c.path)).toContain(path);
  });

  it('ignores the bookkeeping annotations for impact but lists them', () => {
    const diff = diffNodePools(render(base, 1), render(base, 2));
    expect(diff.impact).toBe('none');
    expect(diff.changes.map(c => c.path)).toEqual([
      'metadata.annotations.nodepools.backstage.io/generation',
    ]);
  });

  it('reports a create and a decommission without node replacement', () => {
    expect(diffNodePools(undefined, render(base)).impact).toBe('none');
    expect(
      diffNodePools(render(base), undefined).changes.length,
    ).toBeGreaterThan(5);
    expect(diffNodePools(render(base), render(base)).changes).toEqual([]);
  });

  it('against a live object, leaves alone the fields only it has and we never set, but removes ours', () => {
    const approved = render({ ...base, weight: 10 });
    const live = {
      ...approved,
      spec: {
        ...approved.spec,
        // An API server default and a field another manager set: apply keeps both.
        disruption: {
          ...approved.spec.disruption,
          budgets: [{ nodes: '10%' }],
        },
        foreign: 'kept',
      },
    };
    const proposed = render(base);
    expect(
      diffNodePools(live, proposed, nodePoolPaths(approved)).changes,
    ).toEqual([
      { path: 'spec.weight', before: 10, after: undefined, impact: 'none' },
    ]);
    // Without the owned paths every extra field reads as removed.
    expect(diffNodePools(live, proposed).changes.map(c => c.path)).toEqual([
      'spec.disruption.budgets',
      'spec.foreign',
      'spec.weight',
    ]);
  });

  it('classifies template labels and taints as replacing every node', () => {
    expect(impactOfPath('spec.template.metadata.labels.team')).toBe(
      'all-nodes',
    );
    expect(impactOfPath('spec.template.spec.taints')).toBe('all-nodes');
    expect(impactOfPath('spec.template.spec.startupTaints')).toBe('all-nodes');
    expect(impactOfPath('spec.limits.memory')).toBe('none');
  });

  it('says what happens in words', () => {
    const diff = diffNodePools(
      render(base),
      render({ ...base, expireAfter: '24h' }),
    );
    expect(describeImpact(diff, 12)).toBe(
      'This change replaces all 12 nodes of the pool (Karpenter drifts and rolls them).',
    );
    expect(describeImpact(diffNodePools(render(base), render(base)))).toBe(
      'Nothing changes.',
    );
  });
});
