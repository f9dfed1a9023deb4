import fs from 'node:fs';
import path from 'node:path';
import { runGo } from './runGo.ts';
import type { GoRunSummary } from './runGo.ts';

/** A Go main package built in a throwaway module under the cache. */
export interface BinaryBuild {
  go: string;
  /** Folder for go.mod/go.sum; under the cache, never inside the repo. */
  moduleDir: string;
  goMod: string;
  /** Package to `go get` (records its dependencies in go.sum without `go mod tidy`). */
  mainPackage: string;
  version: string;
  buildFlags: string[];
  output: string;
  env: NodeJS.ProcessEnv;
  onSummary: (summary: string) => void;
}

/** Timings of one build, for progress output and the benchmark note. */
export interface BinaryBuildResult {
  get: GoRunSummary;
  build: GoRunSummary;
  durationMs: number;
}

/**
 * Writes the module, resolves dependencies with `go get`, then `go build -v` into a temporary
 * file renamed over the output, so an interrupted build never leaves a half-written binary
 * that a later run would try to execute.
 */
export async function buildBinary(
  spec: BinaryBuild,
): Promise<BinaryBuildResult> {
  const startedAt = Date.now();
  fs.mkdirSync(spec.moduleDir, { recursive: true });
  fs.rmSync(path.join(spec.moduleDir, 'go.sum'), { force: true });
  fs.writeFileSync(path.join(spec.moduleDir, 'go.mod'), spec.goMod);

  const common = {
    go: spec.go,
    cwd: spec.moduleDir,
    env: spec.env,
    onSummary: spec.onSummary,
  };
  const get = await runGo({
    ...common,
    args: ['get', `${spec.mainPackage}@${spec.version}`],
  });
  const temporary = `${spec.output}.partial-${process.pid}`;
  try {
    const build = await runGo({
      ...common,
      args: [
        'build',
        '-v',
        ...spec.buildFlags,
        '-o',
        temporary,
        spec.mainPackage,
      ],
    });
    fs.renameSync(temporary, spec.output);
    return { get, build, durationMs: Date.now() - startedAt };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}
