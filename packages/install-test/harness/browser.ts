import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';

export { CHROMIUM, launchChromium } from '@nodepools/browser-harness';

/** A signed-in tab and the page errors it logged. */
export interface SignedInTab {
  page: Page;
  errors: string[];
}

/**
 * A new context signed in through the app's sign-in page as whoever the guest provider resolves
 * to now. create-app's app shows the guest provider's "Enter" button.
 */
export async function openSignedIn(
  browser: Browser,
  baseURL: string,
): Promise<SignedInTab> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    baseURL,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('pageerror', error => errors.push(error.message));
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click({ timeout: 60_000 });
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  return { page, errors };
}

/** Saves a screenshot into the run's state folder (kept for a failing run's report). */
export async function screenshot(
  page: Page,
  dir: string,
  name: string,
): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({
    path: path.join(dir, `${name}.png`),
    fullPage: true,
  });
}
