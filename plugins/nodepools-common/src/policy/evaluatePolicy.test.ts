import { clusterPolicySchema } from './ClusterPolicy';
import { evaluatePolicy } from './evaluatePolicy';
import { defaultPolicy } from '../__testUtils__/arbitraries';
import { request, pool, spec } from './__testUtils__/policyRequests';

describe('evaluatePolicy', () => {
  it('allows a request inside the policy', () => {
    expect(evaluatePolicy(request(), defaultPolicy, [])).toEqual({
      allowed: true,
      violations: [],
    });
  });

  it('says each violation as a sentence a requester reads, keeping the field path', () => {
    const strict = clusterPolicySchema.parse({
      architectures: ['amd64'],
      capacityTypes: ['on-demand'],
      nodeClasses: ['general', 'gpu'],
      minInstanceGeneration: 6,
      instanceCategories: ['c', 'm'],
      maxPoolLimits: { cpu: '64', memory: '256Gi', gpu: '4' },
      teamBudget: { cpu: '96', memory: '1Ti', gpu: '4' },
    });
    const messages = (r: ReturnType<typeof evaluatePolicy>) =>
      Object.fromEntries(r.violations.map(v => [v.path, v.message]));
    const first = evaluatePolicy(
      request({
        requirements: {
          architectures: ['arm64'],
          capacityTypes: ['spot', 'on-demand'],
          instanceCategories: ['x', 'y'],
          minInstanceGeneration: 4,
        },
        limits: { cpu: '128', memory: '512m', gpu: '1.5' },
        nodeClass: 'default',
        expireAfter: 'Never',
        namespaces: ['payments', 'shared', 'kube-system'],
      }),
      strict,
      [
        {
          ...pool(
            'search',
            { cpu: '1', memory: '1Gi' },
            'group:default/search',
          ),
          spec: { ...spec, namespaces: ['shared'] },
        },
      ],
    );
    expect(messages(first)).toEqual({
      'spec.requirements.architectures':
        'Architecture arm64 is not allowed on this cluster, which allows amd64',
      'spec.requirements.capacityTypes':
        'Capacity type spot is not allowed on this cluster, which allows on-demand',
      'spec.requirements.instanceCategories':
        'Instance categories x, y are not allowed on this cluster, which allows c, m',
      'spec.requirements.minInstanceGeneration':
        'Instance generation 4 is older than this cluster allows: choose 6 or newer',
      'spec.limits.cpu':
        'CPU limit 128 puts the team over its budget on this cluster by 32 CPU: its budget is 96 CPU and its other pools hold 0 CPU',
      'spec.limits.memory':
        "Memory limit 512m is below this cluster's per-pool minimum of 1Gi: no node would ever fit",
      'spec.limits.gpu': 'GPU limit 1.5 must be a whole number of GPUs',
      'spec.nodeClass':
        'Node class default is not offered on this cluster, which offers general, gpu',
      'spec.expireAfter':
        'Nodes must expire on this cluster so that AMI and security updates roll out: choose a duration such as 720h',
      'spec.namespaces':
        'Namespace kube-system is a system namespace and cannot be given to a team',
      'spec.namespaces[1]':
        'Namespace shared already belongs to group:default/search; a namespace can use the pools of one team only',
    });
    // The per-pool maximum is its own sentence (the budget one above came later under the same path).
    expect(
      first.violations
        .filter(v => v.path === 'spec.limits.cpu')
        .map(v => v.message),
    ).toContain("CPU limit 128 is above this cluster's per-pool maximum of 64");
    expect(
      messages(
        evaluatePolicy(request({ nodeClass: 'gpu' }), strict, [], {
          readyNodeClasses: ['general'],
        }),
      )['spec.nodeClass'],
    ).toBe('Node class gpu does not exist in the cluster or is not Ready');
    expect(
      messages(
        evaluatePolicy(
          request({
            requirements: { ...spec.requirements, instanceCategories: ['c'] },
          }),
          clusterPolicySchema.parse({ instanceCategories: [] }),
          [],
        ),
      )['spec.requirements.instanceCategories'],
    ).toBe(
      'Instance categories are not offered on this cluster: leave them out',
    );
    const existing = [pool('pci', { cpu: '1', memory: '1Gi' })];
    expect(
      messages(evaluatePolicy(request(), defaultPolicy, existing)).pool,
    ).toBe(
      'The team already has a pool named pci on local; request a change instead',
    );
    expect(
      messages(evaluatePolicy(request({}, 'update'), defaultPolicy, [])).pool,
    ).toBe('The team has no pool named pci on local');
    expect(
      messages(
        evaluatePolicy(request({}, 'update'), defaultPolicy, [
          pool('pci', { cpu: '1', memory: '1Gi' }, undefined, {
            phase: 'decommissioning',
          }),
        ]),
      ).pool,
    ).toBe('Pool pci is being decommissioned');
  });
});
