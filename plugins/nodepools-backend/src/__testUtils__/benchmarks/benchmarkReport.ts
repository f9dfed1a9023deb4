import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';

/** docs/benchmarks.md at the repository root. */
// Benchmarks run from the source tree only, never from a build, so __dirname is the source folder.
// eslint-disable-next-line no-restricted-syntax
export const BENCHMARKS_FILE = resolve(
  __dirname,
  '../../../../../docs/benchmarks.md',
);

/**
 * Replaces (or appends) one named section of docs/benchmarks.md, leaving the others alone. The
 * section is formatted by the repo's prettier and set off by blank lines, as `prettier --check`
 * (run in CI) wants it, so a benchmark run leaves nothing to reformat.
 */
export function writeBenchmarkSection(name: string, markdown: string) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const config = resolveConfig.sync(BENCHMARKS_FILE) ?? {};
  const formatted = format(markdown.trim(), { ...config, parser: 'markdown' });
  const block = `${start}\n\n${formatted.trim()}\n\n${end}`;
  const current = existsSync(BENCHMARKS_FILE)
    ? readFileSync(BENCHMARKS_FILE, 'utf8')
    : '# Benchmarks\n\nFigures written by the benchmark suites (`./scripts/bench`); each section says how it was measured.\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(BENCHMARKS_FILE, next);
}

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
