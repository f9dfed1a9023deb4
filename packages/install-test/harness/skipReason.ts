import fs from 'node:fs';
import {
  binariesCached,
  findGo,
  resolveLayout,
} from '@nodepools/local-cluster';
import { CHROMIUM } from './browser.ts';

/**
 * Why the install test cannot run here, or undefined. On a laptop without Chromium or Go (and no
 * cached control-plane binaries) it skips and says why; under NODEPOOLS_REQUIRE_E2E (.ci/run) or
 * CI a missing tool fails the run instead. NODEPOOLS_SKIP_INSTALL_TEST=1 is handled by scripts/test.
 */
export async function installTestSkipReason(): Promise<string | undefined> {
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
    throw new Error(`CI must run the install test: ${reason}`);
  }
  return reason;
}
