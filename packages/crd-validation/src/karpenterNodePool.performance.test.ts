import fc from 'fast-check';
import { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';
import { karpenterCrdValidator } from './karpenterCrds';
import { validNodePool } from './__testUtils__/nodePoolArbitraries';

describeWithKarpenterCrds('throughput', () => {
  it('validates 1,000 distinct NodePools in well under a second once compiled', () => {
    const validator = karpenterCrdValidator('nodepools');
    const pools = fc.sample(validNodePool, { numRuns: 1000, seed: 42 });
    // Warm-up, as property tests run many objects through the same validator.
    for (const np of pools.slice(0, 200)) validator.validate(np);

    const start = performance.now();
    const results = pools.map(np => validator.validate(np));
    const elapsed = performance.now() - start;

    expect(results.filter(r => !r.valid)).toEqual([]);
    // The bound only catches pathological regressions (measured ~60 ms under Jest on 2 cores).
    expect(elapsed).toBeLessThan(2000);
    // eslint-disable-next-line no-console
    console.info(`validated 1000 NodePools in ${elapsed.toFixed(0)} ms`);
  });
});
