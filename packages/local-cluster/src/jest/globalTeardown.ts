import fs from 'node:fs';
import { stopControlPlane } from '../runtime/stopControlPlane.ts';
import { testRunState } from './testRunState.ts';

/**
 * Jest global teardown: stops the run's control plane once the last project is done and removes
 * its temporary state (set NODEPOOLS_KEEP_TEST_STATE=1 to keep the logs for a post-mortem).
 */
export default async function globalTeardown(): Promise<void> {
  const run = testRunState();
  run.setups -= 1;
  if (run.setups > 0 || !run.stateDir) return;
  const stateDir = run.stateDir;
  run.stateDir = undefined;
  const result = await stopControlPlane(stateDir);
  if (result.killed.length > 0) {
    process.stderr.write(
      `[local-cluster] had to SIGKILL ${result.killed.join(', ')}\n`,
    );
  }
  if (process.env.NODEPOOLS_KEEP_TEST_STATE === '1') {
    process.stderr.write(
      `[local-cluster] kept test control plane state in ${stateDir}\n`,
    );
  } else {
    fs.rmSync(stateDir, { recursive: true, force: true });
  }
}
