import fc from 'fast-check';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports -- the test harness, a devDependency
import {
  describeApiServer,
  dryRunAll,
  refusalCauses,
} from '@nodepools/local-cluster';
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

/** What the reconciler sends: a forced server-side apply under its field manager. */
const asReconciler = { fieldManager: 'backstage-nodepools' };

// A batch of renders per property run, sent at once; numRuns fixed so the suite's time is too.
// No shrinking: each step would be a batch of requests, and a failure lists the refused renders.
const BATCH = 50;

describeApiServer(
  'rendered NodePools against the real API server (dryRun=All)',
  suite => {
    it('accepts every NodePool rendered from generated requests, as the reconciler applies it', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.tuple(
              createRequestArbitrary,
              fc.constantFrom(...policies),
              fc.integer({ min: 1, max: 1000 }),
            ),
            { minLength: BATCH, maxLength: BATCH },
          ),
          async cases => {
            const rendered = cases.map(([raw, policy, generation]) => {
              const request = poolRequestSchema.parse(raw) as PoolSpecRequest;
              return renderNodePool(
                identity(request, generation),
                request.spec,
                policy,
              );
            });
            const verdicts = await dryRunAll(
              suite.client(),
              rendered,
              asReconciler,
            );
            const refused = verdicts.flatMap((verdict, i) =>
              verdict.accepted
                ? []
                : [{ nodePool: rendered[i], causes: refusalCauses(verdict) }],
            );
            expect(refused).toEqual([]);
          },
        ),
        { numRuns: 20, endOnFailure: true },
      );
    });

    it('would be refused, with the CRD message, if the policy let a restricted key through', async () => {
      const request = poolRequestSchema.parse(
        fc.sample(createRequestArbitrary, { numRuns: 1, seed: 42 })[0],
      ) as PoolSpecRequest;
      // Bypasses the policy schema's own check on purpose, to show what it protects against.
      const unsafe = { ...defaultPolicy, teamLabelKey: 'karpenter.sh/team' };
      const [verdict] = await dryRunAll(
        suite.client(),
        [renderNodePool(identity(request), request.spec, unsafe)],
        asReconciler,
      );
      expect(refusalCauses(verdict)).toContainEqual({
        field: 'spec.template.metadata.labels',
        message:
          'Invalid value: "object": label domain "karpenter.sh" is restricted',
      });
    });
  },
);
