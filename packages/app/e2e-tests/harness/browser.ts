import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PORTAL_URL } from './portalConfig.ts';
import { SCREENSHOT_DIR } from './paths.ts';

export { CHROMIUM, launchChromium } from '@nodepools/browser-harness';

/** A console error of a page, with the URL it is about (the resource, for failed loads). */
export interface ConsoleError {
  text: string;
  url: string;
}

/** One user's tab, with every console error and failed page script collected. */
export interface UserTab {
  user: string;
  context: BrowserContext;
  page: Page;
  consoleErrors: ConsoleError[];
}

/**
 * A new browser context (its own storage, so its own session), signed in through the app's
 * sign-in page as whoever the guest provider resolves to now.
 */
export async function openSignedIn(
  browser: Browser,
  user: string,
): Promise<UserTab> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 860 },
    baseURL: PORTAL_URL,
  });
  // The pool page's "Copy snippet" button writes to the clipboard; the tests read it back.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: PORTAL_URL,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors: ConsoleError[] = [];
  page.on('console', message => {
    if (message.type() === 'error') {
      consoleErrors.push({ text: message.text(), url: message.location().url });
    }
  });
  page.on('pageerror', error =>
    consoleErrors.push({ text: error.message, url: page.url() }),
  );
  await page.goto('/');
  // A new context has no session, so the app shows its sign-in page with the guest provider.
  const enter = page.getByRole('button', { name: 'Enter' });
  await enter.click({ timeout: 60_000 });
  await enter.waitFor({ state: 'detached', timeout: 60_000 });
  return { user, context, page, consoleErrors };
}

/** Saves a screenshot of the visible page under docs/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.isAbsolute(name)
    ? `${name}.png`
    : path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
