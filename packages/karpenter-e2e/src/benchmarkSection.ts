import fs from 'node:fs';
import path from 'node:path';
import { resolveLayout } from '@nodepools/local-cluster';

/** docs/benchmarks.md at the repository root. */
export function benchmarksFile(): string {
  return path.join(resolveLayout().repoRoot, 'docs', 'benchmarks.md');
}

/**
 * Replaces (or appends) one named section of docs/benchmarks.md, between the same
 * `<!-- bench:<name>:start/end -->` markers the backend's benchmarks use, leaving the other
 * sections alone. Blank lines inside the markers keep the file as prettier formats it
 * (`prettier --check .` runs in CI), so a passing run leaves nothing to reformat.
 */
export function writeBenchmarkSection(name: string, markdown: string): void {
  const file = benchmarksFile();
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n\n${markdown.trim()}\n\n${end}`;
  const current = fs.existsSync(file)
    ? fs.readFileSync(file, 'utf8')
    : '# Benchmarks\n';
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? `${current.slice(0, from)}${block}${current.slice(to + end.length)}`
      : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(file, next);
}
