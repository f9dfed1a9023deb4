import { clusterPolicySchema } from '../policy/ClusterPolicy';
import { renderTenancyPolicy, tenantPoolOf } from './renderTenancy';

const policy = clusterPolicySchema.parse({});
const identifying = (pools: Parameters<typeof renderTenancyPolicy>[1]) => {
  const spec = renderTenancyPolicy(policy, pools)[0].spec as {
    variables: { name: string; expression: string }[];
  };
  return spec.variables.find(v => v.name === 'identifying')!.expression;
};

describe('renderTenancyPolicy', () => {
  it('maps each node label of a managed pool to the teams whose nodes carry it, in a stable order', () => {
    const a = {
      team: 'a',
      nodeLabels: { 'karpenter.sh/nodepool': 'a-x', tier: 'gpu' },
    };
    const b = {
      team: 'b',
      nodeLabels: { 'karpenter.sh/nodepool': 'b-y', tier: 'gpu' },
    };
    expect(identifying([b, a])).toBe(
      "{'karpenter.sh/nodepool=a-x': ['a'], 'karpenter.sh/nodepool=b-y': ['b'], 'tier=gpu': ['a', 'b']}",
    );
    expect(identifying([a, b])).toBe(identifying([b, a]));
    expect(identifying([])).toBe('{}');
  });

  it('quotes label text so that it cannot end the CEL literal', () => {
    expect(identifying([{ team: "o'k", nodeLabels: { k: "v'\\" } }])).toBe(
      "{'k=v\\'\\\\': ['o\\'k']}",
    );
  });

  it('matches pods and every controller with a pod template', () => {
    const rules = (
      renderTenancyPolicy(policy)[0].spec as {
        matchConstraints: { resourceRules: { resources: string[] }[] };
      }
    ).matchConstraints.resourceRules.flatMap(r => r.resources);
    expect(rules.sort()).toEqual([
      'cronjobs',
      'daemonsets',
      'deployments',
      'jobs',
      'pods',
      'replicasets',
      'statefulsets',
    ]);
  });
});

describe('tenantPoolOf', () => {
  it('takes the team from the NodePool and the labels its nodes get from the template and Karpenter', () => {
    expect(
      tenantPoolOf({
        metadata: {
          name: 'a-x',
          labels: { 'nodepools.backstage.io/team': 'a' },
        },
        spec: {
          template: { metadata: { labels: { 'example.com/team': 'a' } } },
        },
      }),
    ).toEqual({
      team: 'a',
      nodeLabels: { 'example.com/team': 'a', 'karpenter.sh/nodepool': 'a-x' },
    });
    expect(tenantPoolOf({ metadata: { name: 'platform' } })).toBeUndefined();
  });
});
