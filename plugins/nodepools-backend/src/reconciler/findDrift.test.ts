import { findDrift, otherSpecManagers } from './findDrift';
import type { KubeObject } from './KubeObject';

const live = (
  spec: Record<string, unknown>,
  extra: Partial<KubeObject['metadata']> = {},
): KubeObject => ({
  apiVersion: 'karpenter.sh/v1',
  kind: 'NodePool',
  metadata: { name: 'payments-pci', labels: { a: '1' }, ...extra },
  spec,
});

describe('findDrift', () => {
  const rendered = {
    metadata: { name: 'payments-pci', labels: { a: '1' } },
    spec: { limits: { cpu: '16' }, taints: [{ key: 'k', value: 'v' }] },
  };

  it('ignores fields we do not render, such as API server defaults', () => {
    expect(
      findDrift(
        rendered,
        live({ ...rendered.spec, disruption: { budgets: [{ nodes: '10%' }] } }),
      ),
    ).toEqual([]);
  });

  it('names each changed field, and a list as a whole', () => {
    expect(
      findDrift(
        rendered,
        live(
          {
            limits: { cpu: '999' },
            taints: [{ key: 'k', value: 'v' }, { key: 'x' }],
          },
          { labels: {} },
        ),
      ),
    ).toEqual(['metadata.labels.a', 'spec.limits.cpu', 'spec.taints']);
  });
});

describe('otherSpecManagers', () => {
  it('lists the other managers of spec fields, newest first', () => {
    const object = live(
      {},
      {
        managedFields: [
          { manager: 'backstage-nodepools', fieldsV1: { 'f:spec': {} } },
          {
            manager: 'kubectl-edit',
            time: '2026-11-24T10:00:00Z',
            fieldsV1: { 'f:spec': {} },
          },
          { manager: 'karpenter', fieldsV1: { 'f:status': {} } },
          {
            manager: 'helm',
            time: new Date('2026-11-24T11:00:00Z'),
            fieldsV1: { 'f:spec': {} },
          },
        ],
      },
    );
    expect(otherSpecManagers(object)).toEqual(['helm', 'kubectl-edit']);
  });
});
