/** docs/benchmarks.md at the repository root. */
export declare const BENCHMARKS_FILE: string;
/** Replaces (or appends) one named section of docs/benchmarks.md, formatted by the repo's prettier. */
export declare function writeBenchmarkSection(
  name: string,
  markdown: string,
): void;
