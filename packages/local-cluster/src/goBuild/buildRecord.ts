import fs from 'node:fs';
import os from 'node:os';
import { readJsonFile, writeJsonFile } from '../runtime/LaunchPlan.ts';

/** What one build of a cached binary took, kept beside it so benchmark notes can quote it. */
export interface BuildRecord {
  binary: string;
  version: string;
  durationMs: number;
  goGetMs: number;
  goBuildMs: number;
  compiledPackages: number;
  downloadedModules: number;
  builtAt: string;
  /** Cores of the machine that built it (the build is CPU-bound). */
  cpus: number;
}

/** `<binary>.build.json`: outside the binary, so the version check still reads the binary itself. */
export function buildRecordPath(output: string): string {
  return `${output}.build.json`;
}

export function writeBuildRecord(
  output: string,
  record: Omit<BuildRecord, 'builtAt' | 'cpus'>,
): void {
  writeJsonFile(
    buildRecordPath(output),
    { ...record, builtAt: new Date().toISOString(), cpus: os.cpus().length },
    0o644,
  );
}

/** The record of the build that produced the cached binary, if it was built with one. */
export function readBuildRecord(output: string): BuildRecord | undefined {
  if (!fs.existsSync(output)) return undefined;
  return readJsonFile<BuildRecord>(buildRecordPath(output));
}
