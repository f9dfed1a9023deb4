import {
  requestPoolThroughTemplate as walkTemplate,
  type PoolAsk,
} from '@nodepools/browser-harness';
import type { Page } from 'playwright-core';

/**
 * Runs the template "Request a dedicated node pool" the way a user does (the walk the browser e2e
 * takes, defaults everywhere), once the catalog has the template, and returns the request id.
 */
export async function requestPoolThroughTemplate(
  page: Page,
  ask: Omit<PoolAsk, 'advanced' | 'limits'>,
): Promise<string> {
  // A fresh app ingests the template a while after it starts.
  await page.goto('/create');
  await page
    .getByText('Request a dedicated node pool')
    .first()
    .waitFor({ timeout: 60_000 });
  return walkTemplate(page, ask);
}
