/**
 * Environment variables through which the global setup (in Jest's main process) tells the test
 * files (in worker processes, started after it) where the control plane is or why there is none.
 */
export const TEST_ENV = {
  /** Path of the run's `connection.json`. */
  connection: 'NODEPOOLS_TEST_CONTROL_PLANE',
  /** Why API server suites are skipped (set only when they are). */
  skipReason: 'NODEPOOLS_TEST_CONTROL_PLANE_SKIP',
  /** Set to `cached` by the Karpenter global setup once every Karpenter-mode binary is cached. */
  karpenterBinaries: 'NODEPOOLS_TEST_KARPENTER_BINARIES',
  /** Why Karpenter suites are skipped (set only when they are). */
  karpenterSkipReason: 'NODEPOOLS_TEST_KARPENTER_SKIP',
} as const;

interface RunState {
  /** Global setups run once per Jest project; only the first starts a control plane. */
  setups: number;
  stateDir?: string;
}

const KEY = Symbol.for('@nodepools/local-cluster/test-run');

/** State shared by all projects' global setup/teardown within one Jest main process. */
export function testRunState(): RunState {
  const holder = globalThis as unknown as Record<symbol, RunState | undefined>;
  holder[KEY] ??= { setups: 0 };
  return holder[KEY];
}

/** True when the environment says this is a CI run, where skipping is not allowed. */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI === 'true' || env.CI === '1';
}
