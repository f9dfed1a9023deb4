import { browserSkipReason } from '@nodepools/browser-harness';

/**
 * Why the install test cannot run here, or undefined. NODEPOOLS_SKIP_INSTALL_TEST=1 is handled by
 * scripts/test.
 */
export function installTestSkipReason(): Promise<string | undefined> {
  return browserSkipReason('the install test');
}
