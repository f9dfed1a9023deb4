import fc from 'fast-check';
import { clusterPolicySchema } from './ClusterPolicy';
import { evaluatePolicy } from './evaluatePolicy';
import { defaultPolicy } from '../__testUtils__/arbitraries';
import { request, pathsOf } from './__testUtils__/policyRequests';

describe('evaluatePolicy: requirements and node class', () => {
  it('reports each disallowed choice with what was asked and what is allowed', () => {
    const strict = clusterPolicySchema.parse({
      architectures: ['amd64'],
      capacityTypes: ['on-demand'],
      nodeClasses: ['general'],
      minInstanceGeneration: 6,
    });
    const result = evaluatePolicy(
      request({
        requirements: {
          architectures: ['arm64'],
          capacityTypes: ['spot'],
          instanceCategories: ['x'],
          minInstanceGeneration: 4,
        },
      }),
      strict,
      [],
    );
    expect(result.allowed).toBe(false);
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining([
        'spec.requirements.architectures',
        'spec.requirements.capacityTypes',
        'spec.requirements.instanceCategories',
        'spec.requirements.minInstanceGeneration',
        'spec.nodeClass',
      ]),
    );
    const arch = result.violations.find(
      v => v.path === 'spec.requirements.architectures',
    )!;
    expect(arch).toMatchObject({ asked: 'arm64', allowed: 'amd64' });
  });

  it('refuses instance categories on a cluster whose policy lists none (kwok), and renders none', () => {
    const kwok = clusterPolicySchema.parse({
      nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
      instanceCategories: [],
    });
    const named = request({
      requirements: {
        architectures: ['amd64'],
        capacityTypes: ['spot'],
        instanceCategories: ['p'],
      },
    });
    expect(evaluatePolicy(named, kwok, []).violations).toEqual([
      expect.objectContaining({
        path: 'spec.requirements.instanceCategories',
        asked: 'p',
        allowed: 'none',
      }),
    ]);
    expect(evaluatePolicy(request(), kwok, []).allowed).toBe(true);
  });

  it('refuses, naming each, the instance requirements a kwok node class cannot honour (the rendering would drop them)', () => {
    const kwok = clusterPolicySchema.parse({
      nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
      instanceCategories: [],
    });
    const guideLike = request({
      requirements: {
        architectures: ['amd64'],
        capacityTypes: ['spot'],
        instanceCategories: ['m', 'c', 'r'],
        minInstanceGeneration: 6,
        excludedInstanceSizes: ['nano', 'metal'],
        zones: ['zone-a'],
      },
    });
    const { allowed, violations } = evaluatePolicy(guideLike, kwok, []);
    expect(allowed).toBe(false);
    expect(violations.map(v => [v.path, v.asked, v.allowed])).toEqual([
      ['spec.requirements.instanceCategories', 'm, c, r', 'none'],
      ['spec.requirements.minInstanceGeneration', '6', 'none'],
      ['spec.requirements.excludedInstanceSizes', 'nano, metal', 'none'],
    ]);
    expect(violations[1].message).toBe(
      'A minimum instance generation cannot be honoured on this cluster: its node class KWOKNodeClass (karpenter.kwok.sh) has no karpenter.k8s.aws/instance-generation label to select on; leave it out',
    );
    // Zones are a well-known label every provider sets: kept, and not refused.
    expect(
      evaluatePolicy(
        request({
          requirements: {
            architectures: ['amd64'],
            capacityTypes: ['spot'],
            zones: ['zone-a'],
          },
        }),
        kwok,
        [],
      ).allowed,
    ).toBe(true);
    // The same request on an AWS cluster is within the default policy.
    expect(evaluatePolicy(guideLike, defaultPolicy, []).violations).toEqual([]);
  });

  it('refuses any requirement value outside the policy list, named or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('c', 'm', 'r', 'g', 'p'), {
          minLength: 1,
        }),
        fc.uniqueArray(fc.constantFrom('c', 'm', 'r', 'g', 'p', 'x'), {
          minLength: 1,
        }),
        (allowed, asked) => {
          const policy = clusterPolicySchema.parse({
            instanceCategories: allowed,
          });
          const result = evaluatePolicy(
            request({
              requirements: {
                architectures: ['amd64'],
                capacityTypes: ['spot'],
                instanceCategories: asked,
              },
            }),
            policy,
            [],
          );
          const outside = asked.filter(c => !(allowed as string[]).includes(c));
          expect(pathsOf(result)).toEqual(
            outside.length > 0 ? ['spec.requirements.instanceCategories'] : [],
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers only Ready node classes when the cluster says which exist', () => {
    expect(
      pathsOf(
        evaluatePolicy(request(), defaultPolicy, [], {
          readyNodeClasses: ['other'],
        }),
      ),
    ).toEqual(['spec.nodeClass']);
  });
});
