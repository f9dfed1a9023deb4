import fc from 'fast-check';
import { describeApiServer } from './jest/describeApiServer.ts';
import { dryRunAll, refusalCauses } from './jest/dryRunAll.ts';
import type { DryRunVerdict, RefusalCause } from './jest/dryRunAll.ts';
import { guideNodePool } from './testFixtures/productionGuideExamples.ts';
import { validNodePool } from './__testUtils__/nodePoolArbitraries.ts';
import {
  breakingMutation,
  harmlessEdit,
} from './__testUtils__/nodePoolMutations.ts';
import type { Mutation } from './__testUtils__/nodePoolMutations.ts';

// Each property run sends one batch of objects at once; numRuns is fixed so the suite's time is
// too (a few ms an object on 2 cores). The API server, with the real CRDs, is the oracle.
// No shrinking (endOnFailure): every shrink step is a batch of requests, and a failure already
// lists the refused objects with the API server's reasons.
const BATCH = 50;
const PARAMETERS = { numRuns: 12, endOnFailure: true };
const batchOf = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH });

/** The refused objects among `objects`, with the API server's reasons, for a readable failure. */
const refused = (objects: unknown[], verdicts: DryRunVerdict[]) =>
  verdicts.flatMap((verdict, i) =>
    verdict.accepted
      ? []
      : [{ object: objects[i], causes: refusalCauses(verdict) }],
  );

const matches = (expected: string | RegExp, actual: string) =>
  typeof expected === 'string'
    ? actual.includes(expected)
    : expected.test(actual);

/** Whether a refusal carries the mutation's cause (field and message). */
function refusedAsExpected(mutation: Mutation, causes: RefusalCause[]) {
  return causes.some(cause =>
    mutation.field === undefined
      ? cause.field === undefined && matches(mutation.message, cause.message)
      : cause.field !== undefined &&
        (typeof mutation.field === 'string'
          ? cause.field === mutation.field
          : mutation.field.test(cause.field)) &&
        matches(mutation.message, cause.message),
  );
}

describeApiServer(
  'generated NodePools against the real API server (dryRun=All)',
  suite => {
    it('accepts every generated valid NodePool', async () => {
      await fc.assert(
        fc.asyncProperty(batchOf(validNodePool), async pools => {
          const verdicts = await dryRunAll(suite.client(), pools);
          expect(refused(pools, verdicts)).toEqual([]);
        }),
        PARAMETERS,
      );
    });

    it('accepts edits of the production guide NodePool that respect the CRD', async () => {
      await fc.assert(
        fc.asyncProperty(
          batchOf(fc.array(harmlessEdit, { minLength: 1, maxLength: 4 })),
          async batches => {
            const pools = batches.map(edits => {
              const np = guideNodePool();
              for (const edit of edits) edit(np);
              return np;
            });
            const verdicts = await dryRunAll(suite.client(), pools);
            expect(refused(pools, verdicts)).toEqual([]);
          },
        ),
        PARAMETERS,
      );
    });

    it('refuses every targeted mutation of a valid NodePool, with the CRD error at its field', async () => {
      await fc.assert(
        fc.asyncProperty(
          batchOf(fc.tuple(validNodePool, breakingMutation)),
          async cases => {
            const pools = cases.map(([np, mutation]) => {
              mutation.apply(np);
              return np;
            });
            // create, not apply: strict decoding then names an unknown field in its message.
            const verdicts = await dryRunAll(suite.client(), pools, {
              verb: 'create',
            });
            const unexpected = cases.flatMap(([np, mutation], i) => {
              const causes = refusalCauses(verdicts[i]);
              return refusedAsExpected(mutation, causes)
                ? []
                : [{ np, expected: mutation, causes }];
            });
            expect(unexpected).toEqual([]);
          },
        ),
        PARAMETERS,
      );
    });
  },
);
