import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_FILE } from './paths.ts';
import { timings } from './stage.ts';

/**
 * Writes this run's stages and durations to .test-results/install-test.json, the figures
 * docs/benchmarks.md quotes (cold: the create-app cache was empty; warm: it was reused).
 */
export function writeResults(summary: {
  coldCache: boolean;
  totalSeconds: number;
  passed: boolean;
}): void {
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const result = {
    ...summary,
    finishedAt: new Date().toISOString(),
    cores: os.cpus().length,
    node: process.version,
    stages: timings,
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(result, null, 2)}\n`);
}
