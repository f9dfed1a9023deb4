import { browserSkipReason } from '@nodepools/browser-harness';

/** Why the browser tests cannot run on this machine, or undefined when they can. */
export function e2eSkipReason(): Promise<string | undefined> {
  return browserSkipReason('the browser tests');
}
