import os from 'node:os';
import {
  KARPENTER_VERSIONS,
  PINNED_VERSIONS,
  karpenterBinaryPaths,
  readBuildRecord,
  resolveLayout,
  type ControlPlaneConnection,
} from '@nodepools/local-cluster';
// One writer for docs/benchmarks.md (it formats each section with the repo's prettier), shared
// with the backend's and the browser suites' benchmarks.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { writeBenchmarkSection } from '../../../scripts/lib/benchmarkSection.cjs';

/** A Markdown table; prettier aligns it when the section is formatted. */
function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

/** The section of docs/benchmarks.md this suite owns. */
export const BENCHMARK_SECTION = 'karpenter-e2e';

/** What one run of the suite measured. */
export interface KarpenterRun {
  connection: ControlPlaneConnection;
  /** Wall time of the suite's warm start (binaries cached). */
  startMs: number;
  /** Wall time of each test, in order. */
  tests: Array<{ name: string; ms: number }>;
  /** From loading the test file to the end of the last test (Jest's own start-up excluded). */
  totalMs: number;
  memory: { peaks: Record<string, number>; peakTotal: number };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** The cold builds as recorded beside each cached binary when it was built. */
function coldBuildRows(): string[][] {
  const paths = karpenterBinaryPaths(
    resolveLayout().cacheDir,
    PINNED_VERSIONS,
    KARPENTER_VERSIONS,
  );
  return Object.values(paths).map(binary => {
    const record = readBuildRecord(binary);
    if (!record) return [binary, '(built before build records)', '', '', ''];
    return [
      `${record.binary} ${record.version}`,
      seconds(record.durationMs),
      `${seconds(record.goGetMs)} + ${seconds(record.goBuildMs)}`,
      String(record.compiledPackages),
      `${record.cpus} cores, ${record.builtAt.slice(0, 16)}Z`,
    ];
  });
}

/** Writes the suite's figures into its own section of docs/benchmarks.md. */
export function writeKarpenterBenchmark(run: KarpenterRun): void {
  const { timings, versions, karpenter } = run.connection;
  const markdown = [
    '## Karpenter end-to-end (`packages/karpenter-e2e`)',
    '',
    `Written by \`teamPool.karpenter.test.ts\` after a passing run (${new Date()
      .toISOString()
      .slice(0, 16)}Z, ${os.cpus().length} cores, Node ${
      process.version
    }): Kubernetes ${versions.kubernetes}, Karpenter ${
      karpenter?.versions.karpenter
    } (kwok provider), kwok ${karpenter?.versions.kwok}.`,
    '',
    '### Cold builds of the Karpenter-mode binaries',
    '',
    'Recorded when each binary was built into the cache (`<binary>.build.json` beside it).',
    'kube-scheduler and kube-controller-manager share the throwaway module and the Go build cache',
    'of kube-apiserver, so they are measured after it; on a machine without that cache each takes',
    'longer. The cores may have been shared with other work at the time.',
    '',
    markdownTable(
      ['binary', 'total', 'go get + go build', 'packages compiled', 'built on'],
      coldBuildRows(),
    ),
    '',
    '### Warm start and the suite',
    '',
    markdownTable(
      ['step', 'time'],
      [
        [
          'warm start (binaries cached): `startControlPlane({ karpenter: true })`',
          seconds(run.startMs),
        ],
        [
          'of which, after spawn: kube-apiserver ready / CRDs Established / Karpenter ready',
          `${seconds(timings.readyMs)} / ${seconds(
            timings.crdsEstablishedMs,
          )} / ${seconds(timings.karpenterReadyMs ?? 0)}`,
        ],
        ...run.tests.map(t => [`test: ${t.name}`, seconds(t.ms)]),
        [
          'whole file: control plane start, backend on SQLite, RBAC, all tests, until the last one ends',
          seconds(run.totalMs),
        ],
      ],
    ),
    '',
    '### Memory (peak resident set, sampled every second)',
    '',
    markdownTable(
      ['process', 'peak RSS'],
      [
        ...Object.entries(run.memory.peaks).map(([name, bytes]) => [
          name,
          mib(bytes),
        ]),
        ['all of them at once', mib(run.memory.peakTotal)],
      ],
    ),
  ].join('\n');
  writeBenchmarkSection(BENCHMARK_SECTION, markdown);
}
