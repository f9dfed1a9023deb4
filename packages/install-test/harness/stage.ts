export { waitFor } from '@nodepools/browser-harness';

/** What one stage took, for the summary and docs/benchmarks.md. */
export interface StageTiming {
  stage: string;
  seconds: number;
}

/** Every stage of this run, in order. */
export const timings: StageTiming[] = [];

/** A line of progress, prefixed so it stands out in the spec reporter's output. */
export function progress(message: string): void {
  process.stdout.write(`[install-test] ${message}\n`);
}

/** Runs one stage, printing `==> stage` and `==> stage took Ns` (or `failed after Ns`). */
export async function stage<T>(
  label: string,
  run: () => Promise<T>,
): Promise<T> {
  const startedAt = Date.now();
  process.stdout.write(`==> ${label}\n`);
  const seconds = () => Math.round((Date.now() - startedAt) / 100) / 10;
  try {
    const result = await run();
    timings.push({ stage: label, seconds: seconds() });
    process.stdout.write(`==> ${label} took ${seconds()}s\n`);
    return result;
  } catch (error) {
    process.stdout.write(`==> ${label} failed after ${seconds()}s\n`);
    throw error;
  }
}
