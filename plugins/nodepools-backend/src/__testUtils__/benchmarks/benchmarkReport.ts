// The writer is shared with the browser suites, which run on plain node: one copy, in scripts/lib.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
export {
  BENCHMARKS_FILE,
  writeBenchmarkSection,
} from '../../../../../scripts/lib/benchmarkSection.cjs';

/** The q-quantile of the samples, in milliseconds. */
export function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Times `fn` `runs` times after a warm-up, in milliseconds. */
export async function timeRuns(
  runs: number,
  fn: () => Promise<unknown>,
): Promise<number[]> {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}
