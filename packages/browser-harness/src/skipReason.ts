import fs from 'node:fs';
import {
  binariesCached,
  findGo,
  resolveLayout,
} from '@nodepools/local-cluster';
import { CHROMIUM } from './chromium.ts';

/**
 * Why `what` (the browser tests, the install test) cannot run on this machine, or undefined when
 * it can. Like the other suites that need the control plane, it skips and says why on a
 * developer's machine that lacks Chromium or Go (with no cached control-plane binaries); in CI
 * (.ci/run installs both and sets NODEPOOLS_REQUIRE_E2E) a missing tool is a failure, not a skip.
 */
export async function browserSkipReason(
  what: string,
): Promise<string | undefined> {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) {
    missing.push(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  }
  if (!findGo() && !(await binariesCached(resolveLayout().cacheDir))) {
    missing.push(
      'no Go to build the control plane, and none cached (apt-get install golang-go)',
    );
  }
  if (missing.length === 0) return undefined;
  const reason = missing.join('; ');
  if (process.env.CI || process.env.NODEPOOLS_REQUIRE_E2E) {
    throw new Error(`CI must run ${what}: ${reason}`);
  }
  return reason;
}
