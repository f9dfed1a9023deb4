import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM =
  process.env.NODEPOOLS_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags a container without a GPU or sandbox needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}
