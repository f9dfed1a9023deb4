import fc from 'fast-check';
import {
  describeWithKarpenterCrds,
  karpenterCrdValidator,
} from '@nodepools/crd-validation';
import { poolRequestSchema, type PoolSpecRequest } from '../model/PoolRequest';
import {
  clusterPolicySchema,
  type ClusterPolicy,
} from '../policy/ClusterPolicy';
import { renderNodePool } from './renderNodePool';
import {
  createRequestArbitrary,
  defaultPolicy,
} from '../__testUtils__/arbitraries';

const identity = (request: PoolSpecRequest, generation = 1) => ({
  id: '0b6f2a4e-1c7d-4f5e-9a1b-2c3d4e5f6a7b',
  owner: request.owner,
  name: request.pool,
  generation,
  requestId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
});

/** Policies a platform might configure: defaults, a kwok cluster, a strict EKS cluster. */
const policies: ClusterPolicy[] = [
  defaultPolicy,
  clusterPolicySchema.parse({
    nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
    instanceCategories: [],
  }),
  clusterPolicySchema.parse({
    minInstanceGeneration: 6,
    taintKey: 'example.com/dedicated',
    teamLabelKey: 'example.com/team',
    defaults: {
      budgets: [
        { nodes: '10%' },
        {
          nodes: '0',
          schedule: '0 9 * * mon-fri',
          duration: '8h',
          reasons: ['Drifted'],
        },
      ],
      terminationGracePeriod: '48h',
      weight: 50,
      excludedInstanceSizes: ['metal'],
    },
  }),
];

describeWithKarpenterCrds('rendered NodePools against the real CRD', () => {
  // The AWS provider's copy of the pinned release's NodePool CRD (schema and every CEL rule).
  const nodePoolCrd = karpenterCrdValidator('nodepools', { provider: 'aws' });

  it('accepts every NodePool rendered from thousands of generated requests', () => {
    fc.assert(
      fc.property(
        createRequestArbitrary,
        fc.constantFrom(...policies),
        fc.integer({ min: 1, max: 1000 }),
        (raw, policy, generation) => {
          const request = poolRequestSchema.parse(raw) as PoolSpecRequest;
          const result = nodePoolCrd.validate(
            renderNodePool(identity(request, generation), request.spec, policy),
          );
          expect(result.errors).toEqual([]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('would be refused by the apiserver, with the CRD message, if the policy let a restricted key through', () => {
    const request = poolRequestSchema.parse(
      createRequestArbitrarySample(),
    ) as PoolSpecRequest;
    // Bypasses the policy schema's own check on purpose, to show what it protects against.
    const unsafe = { ...defaultPolicy, teamLabelKey: 'karpenter.sh/team' };
    const result = nodePoolCrd.validate(
      renderNodePool(identity(request), request.spec, unsafe),
    );
    expect(result.errors.map(e => e.message)).toContain(
      'label domain "karpenter.sh" is restricted',
    );
  });
});

function createRequestArbitrarySample() {
  return fc.sample(createRequestArbitrary, { numRuns: 1, seed: 42 })[0];
}
