import fc from 'fast-check';
import { stringify } from 'yaml';
import { poolRequestSchema, type PoolSpecRequest } from '../model/PoolRequest';
import { clusterPolicySchema } from '../policy/ClusterPolicy';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- test fixtures, a devDependency
import { guideNodePool as guideNodePoolExample } from '@nodepools/local-cluster/testUtils';
import { renderNodePool } from './renderNodePool';
import {
  createRequestArbitrary,
  defaultPolicy,
} from '../__testUtils__/arbitraries';

// The NodePool of Step 4 of the Karpenter v1 production guide.
const guideNodePool = guideNodePoolExample();

/** The guide's pool as a team's request; everything else comes from the policy's defaults. */
const guideRequest = poolRequestSchema.parse({
  kind: 'create',
  owner: 'group:default/search',
  cluster: 'prod',
  pool: 'general',
  justification: "The guide's general-purpose pool",
  spec: {
    requirements: {
      architectures: ['amd64', 'arm64'],
      capacityTypes: ['spot', 'on-demand'],
      instanceCategories: ['m', 'c', 'r'],
      minInstanceGeneration: 6,
    },
    limits: { cpu: '1000', memory: '1000Gi' },
    weight: 10,
    nodeClass: 'default',
    namespaces: ['search'],
  },
}) as PoolSpecRequest;
const guidePolicy = clusterPolicySchema.parse({
  maxPoolLimits: { cpu: '1000', memory: '1000Gi' },
  teamBudget: { cpu: '1000', memory: '1000Gi' },
  defaults: { excludedInstanceSizes: ['nano', 'micro', 'small', 'metal'] },
});
const identity = {
  id: '6f0c',
  owner: guideRequest.owner,
  name: guideRequest.pool,
  generation: 1,
  requestId: 'r-1',
};

// Karpenter treats requirement values as sets; the renderer sorts them so equal requests render equal.
// Limits are int-or-string quantities: YAML's `cpu: 1000` and our "1000" are the same value.
const sortValues = (np: any) => ({
  ...np,
  spec: {
    ...np.spec,
    limits: Object.fromEntries(
      Object.entries(np.spec.limits).map(([k, v]) => [k, String(v)]),
    ),
    template: {
      ...np.spec.template,
      spec: {
        ...np.spec.template.spec,
        requirements: np.spec.template.spec.requirements.map((r: any) => ({
          ...r,
          values: [...r.values].sort(),
        })),
      },
    },
  },
});

describe('renderNodePool', () => {
  it("renders the guide's Step 4 NodePool plus only the team additions", () => {
    const rendered = renderNodePool(identity, guideRequest.spec, guidePolicy);
    const { metadata, spec } = rendered;
    expect(metadata).toEqual({
      name: 'search.general',
      labels: {
        'app.kubernetes.io/managed-by': 'backstage-nodepools',
        'nodepools.backstage.io/team': 'search',
        'nodepools.backstage.io/pool': 'general',
        'nodepools.backstage.io/pool-id': '6f0c',
      },
      annotations: {
        'nodepools.backstage.io/owner': 'group:default/search',
        'nodepools.backstage.io/generation': '1',
        'nodepools.backstage.io/request-id': 'r-1',
      },
    });
    expect(spec.template.metadata).toEqual({
      labels: { 'nodepools.backstage.io/team': 'search' },
    });
    expect(spec.template.spec.taints).toEqual([
      {
        key: 'nodepools.backstage.io/team',
        value: 'search',
        effect: 'NoSchedule',
      },
    ]);

    // The GPU limit is 0 unless granted: the guide's pool leaves GPUs unbounded.
    expect(spec.limits['nvidia.com/gpu']).toBe('0');

    // Strip the team additions: what remains is the guide's NodePool.
    const { metadata: _m, ...templateRest } = spec.template;
    const { taints: _t, ...templateSpec } = templateRest.spec;
    const { 'nvidia.com/gpu': _gpu, ...limits } = spec.limits;
    const stripped = {
      apiVersion: rendered.apiVersion,
      kind: rendered.kind,
      metadata: { name: 'default' },
      spec: { ...spec, limits, template: { spec: templateSpec } },
    };
    expect(sortValues(stripped)).toEqual(sortValues(guideNodePool));
  });

  it('always sets cpu and memory limits, and GPUs when asked', () => {
    const withGpu = renderNodePool(
      identity,
      { ...guideRequest.spec, limits: { cpu: '4', memory: '8Gi', gpu: '2' } },
      guidePolicy,
    );
    expect(withGpu.spec.limits).toEqual({
      cpu: '4',
      memory: '8Gi',
      'nvidia.com/gpu': '2',
    });
  });

  it('constrains every NodePool to the policy, whether or not the request names the values', () => {
    const policyArbitrary = fc
      .record({
        architectures: fc.uniqueArray(fc.constantFrom('amd64', 'arm64'), {
          minLength: 1,
        }),
        capacityTypes: fc.uniqueArray(
          fc.constantFrom('spot', 'on-demand', 'reserved'),
          { minLength: 1 },
        ),
        instanceCategories: fc.uniqueArray(
          fc.constantFrom('c', 'm', 'r', 'g', 'p'),
          { minLength: 1 },
        ),
        minInstanceGeneration: fc.option(fc.integer({ min: 2, max: 8 }), {
          nil: undefined,
        }),
      })
      .map(p => clusterPolicySchema.parse(p));
    fc.assert(
      fc.property(
        createRequestArbitrary,
        policyArbitrary,
        fc.boolean(),
        (raw, policy, dropNamed) => {
          const request = poolRequestSchema.parse(raw) as PoolSpecRequest;
          const r = request.spec.requirements;
          // Only what the policy check lets through is ever rendered for a cluster.
          const spec = {
            ...request.spec,
            requirements: {
              ...r,
              architectures: policy.architectures,
              capacityTypes: policy.capacityTypes,
              instanceCategories: dropNamed
                ? undefined
                : policy.instanceCategories.slice(0, 1),
              minInstanceGeneration: dropNamed
                ? undefined
                : r.minInstanceGeneration,
            },
          };
          fc.pre(
            dropNamed ||
              spec.requirements.minInstanceGeneration === undefined ||
              policy.minInstanceGeneration === undefined ||
              spec.requirements.minInstanceGeneration >=
                policy.minInstanceGeneration,
          );
          const rendered = renderNodePool(identity, spec, policy);
          const byKey = new Map(
            rendered.spec.template.spec.requirements.map(q => [q.key, q]),
          );
          const within = (key: string, allowed: readonly string[]) =>
            byKey.get(key)!.operator === 'In' &&
            (byKey.get(key)!.values ?? []).every(v => allowed.includes(v));
          expect(within('kubernetes.io/arch', policy.architectures)).toBe(true);
          expect(
            within('karpenter.sh/capacity-type', policy.capacityTypes),
          ).toBe(true);
          expect(
            within(
              'karpenter.k8s.aws/instance-category',
              policy.instanceCategories,
            ),
          ).toBe(true);
          const generation = byKey.get('karpenter.k8s.aws/instance-generation');
          // Gt n means generation n+1 or newer.
          const oldest = generation ? Number(generation.values?.[0]) + 1 : 1;
          expect(oldest).toBeGreaterThanOrEqual(
            policy.minInstanceGeneration ?? 1,
          );
          expect(rendered.spec.limits['nvidia.com/gpu']).toBe(
            spec.limits.gpu ?? '0',
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('limits GPUs to 0 unless the request is granted some', () => {
    const { gpu: _gpu, ...noGpu } = guideRequest.spec.limits;
    const rendered = renderNodePool(
      identity,
      { ...guideRequest.spec, limits: noGpu },
      guidePolicy,
    );
    expect(rendered.spec.limits['nvidia.com/gpu']).toBe('0');
  });

  it('is stable: the same input gives the same bytes, whatever the order of choices', () => {
    fc.assert(
      fc.property(createRequestArbitrary, raw => {
        const request = poolRequestSchema.parse(raw) as PoolSpecRequest;
        const id = {
          id: 'x',
          owner: request.owner,
          name: request.pool,
          generation: 3,
        };
        const once = stringify(renderNodePool(id, request.spec, defaultPolicy));
        const shuffled = {
          ...request.spec,
          requirements: {
            ...request.spec.requirements,
            architectures: [
              ...request.spec.requirements.architectures,
            ].reverse(),
            capacityTypes: [
              ...request.spec.requirements.capacityTypes,
            ].reverse(),
          },
        };
        expect(stringify(renderNodePool(id, shuffled, defaultPolicy))).toBe(
          once,
        );
        expect(stringify(renderNodePool(id, request.spec, defaultPolicy))).toBe(
          once,
        );
      }),
      { numRuns: 300 },
    );
  });

  it("renders the policy's categories when the request names none", () => {
    const { instanceCategories: _c, ...requirements } =
      guideRequest.spec.requirements;
    const rendered = renderNodePool(
      identity,
      { ...guideRequest.spec, requirements },
      clusterPolicySchema.parse({ instanceCategories: ['m', 'c'] }),
    );
    expect(
      rendered.spec.template.spec.requirements.find(
        q => q.key === 'karpenter.k8s.aws/instance-category',
      ),
    ).toEqual({
      key: 'karpenter.k8s.aws/instance-category',
      operator: 'In',
      values: ['c', 'm'],
    });
  });

  it('leaves categories unconstrained when the policy lists none (providers without them, such as kwok)', () => {
    const { instanceCategories: _c, ...requirements } =
      guideRequest.spec.requirements;
    const rendered = renderNodePool(
      identity,
      { ...guideRequest.spec, requirements },
      clusterPolicySchema.parse({ instanceCategories: [] }),
    );
    expect(
      rendered.spec.template.spec.requirements.map(q => q.key),
    ).not.toContain('karpenter.k8s.aws/instance-category');
  });

  it('uses the policy node class kind, and drops AWS-only requirements for other providers', () => {
    const kwok = clusterPolicySchema.parse({
      nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
      instanceCategories: [],
    });
    const rendered = renderNodePool(identity, guideRequest.spec, kwok);
    expect(rendered.spec.template.spec.nodeClassRef).toEqual({
      group: 'karpenter.kwok.sh',
      kind: 'KWOKNodeClass',
      name: 'default',
    });
    expect(rendered.spec.template.spec.requirements.map(r => r.key)).toEqual([
      'kubernetes.io/arch',
      'kubernetes.io/os',
      'karpenter.sh/capacity-type',
    ]);
  });
});
