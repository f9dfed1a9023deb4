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
    const running = renderNodePool(
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
      running,
      nodeCount: 12,
      poolId: 'p1',
      generation: 1,
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.preview.diff.changes.map(c => c.path)).toEqual([
      'spec.template.spec.expireAfter',
    ]);
    expect(result.preview.impactSummary).toContain('replaces all 12 nodes');
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
