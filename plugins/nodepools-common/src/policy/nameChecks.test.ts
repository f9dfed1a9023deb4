import { poolRequestSchema } from '../model/PoolRequest';
import { evaluatePolicy } from './evaluatePolicy';
import { defaultPolicy } from '../__testUtils__/arbitraries';
import { request, pool, pathsOf, spec } from './__testUtils__/policyRequests';

describe('evaluatePolicy: pool names and namespaces', () => {
  it('keeps a namespace with one team and system namespaces with none', () => {
    const pools = [
      {
        ...pool('search', { cpu: '1', memory: '1Gi' }, 'group:default/search'),
        spec: { ...spec, namespaces: ['shared'] },
      },
    ];
    const result = evaluatePolicy(
      request({ namespaces: ['payments', 'shared', 'kube-system'] }),
      defaultPolicy,
      pools,
    );
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining(['spec.namespaces[1]', 'spec.namespaces']),
    );
    expect(
      result.violations.find(v => v.path === 'spec.namespaces[1]')!.message,
    ).toContain('group:default/search');
  });

  it('knows whether the pool exists', () => {
    const existing = [pool('pci', { cpu: '1', memory: '1Gi' })];
    expect(pathsOf(evaluatePolicy(request(), defaultPolicy, existing))).toEqual(
      ['pool'],
    );
    expect(
      pathsOf(evaluatePolicy(request({}, 'update'), defaultPolicy, [])),
    ).toEqual(['pool']);
    const decommission = poolRequestSchema.parse({
      kind: 'decommission',
      owner: 'payments',
      cluster: 'local',
      pool: 'pci',
      justification: 'no longer needed',
    });
    expect(evaluatePolicy(decommission, defaultPolicy, existing).allowed).toBe(
      true,
    );
  });
});
