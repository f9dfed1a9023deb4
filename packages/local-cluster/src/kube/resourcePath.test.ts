import { resourcePath } from './resourcePath.ts';

describe('resourcePath', () => {
  it('builds core, group, namespaced and cluster-scoped paths', () => {
    expect(resourcePath('v1', 'Namespace', { name: 'a' })).toBe(
      '/api/v1/namespaces/a',
    );
    expect(resourcePath('v1', 'Pod', { namespace: 'ns', name: 'p' })).toBe(
      '/api/v1/namespaces/ns/pods/p',
    );
    expect(resourcePath('karpenter.sh/v1', 'NodePool')).toBe(
      '/apis/karpenter.sh/v1/nodepools',
    );
  });

  it('fails loudly on unknown kinds and missing namespaces', () => {
    expect(() => resourcePath('v1', 'Gadget')).toThrow(/unknown kind Gadget/);
    expect(() => resourcePath('v1', 'Pod', { name: 'p' })).toThrow(
      /namespaced/,
    );
  });
});
