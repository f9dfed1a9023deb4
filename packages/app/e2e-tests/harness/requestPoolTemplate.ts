import {
  requestPoolThroughTemplate as walkTemplate,
  type PoolAsk,
} from '@nodepools/browser-harness';
import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

export { waitForValue, type PoolAsk } from '@nodepools/browser-harness';

/** The shared template walk, with a screenshot of each step under `screenshotPrefix`. */
export function requestPoolThroughTemplate(
  page: Page,
  ask: PoolAsk,
  screenshotPrefix: string,
): Promise<string> {
  return walkTemplate(page, ask, step =>
    screenshot(page, `${screenshotPrefix}-${step}`),
  );
}
