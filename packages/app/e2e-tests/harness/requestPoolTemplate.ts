import type { Page } from 'playwright-core';
import { screenshot } from './browser.ts';

/** What the team member asks for through the template. */
export interface PoolAsk {
  teamTitle: string;
  clusterTitle: string;
  pool: string;
  namespace: string;
  justification: string;
  /**
   * Fills in the template's advanced step, which starts from the cluster's defaults; without
   * it the defaults stay.
   */
  advanced?: (page: Page) => Promise<void>;
  /** Limits other than the template's defaults. */
  limits?: { cpu: string; memory: string };
  /** A lifetime for the grant (`30d`); without it the cluster's default applies. */
  lifetime?: string;
}

/**
 * Fills in the template "Request a dedicated node pool" the way a user does (pickers, defaults,
 * the limits field) and runs it. Returns the request id from the template's "Follow the request" link.
 */
export async function requestPoolThroughTemplate(
  page: Page,
  ask: PoolAsk,
  screenshotPrefix: string,
): Promise<string> {
  await page.goto('/create/templates/default/request-node-pool');
  await page
    .getByRole('heading', { name: 'Request a dedicated node pool' })
    .first()
    .waitFor();

  // Step 1: team (our picker: the user's teams, chosen already when there is one), cluster (our
  // picker), pool name.
  const team = page
    .getByRole('button', { name: /Team/ })
    .filter({ hasNotText: 'Loading' });
  await team.waitFor();
  if (!((await team.textContent()) ?? '').includes(ask.teamTitle)) {
    await team.click();
    await page.getByRole('option', { name: ask.teamTitle }).click();
  }
  await page.getByRole('button', { name: /Cluster/ }).click();
  await page.getByRole('option', { name: ask.clusterTitle }).click();
  await page.getByRole('textbox', { name: 'Pool name' }).fill(ask.pool);
  await screenshot(page, `${screenshotPrefix}-template-team-and-cluster`);
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 2: architectures and capacity types start on what the cluster allows (both
  // architectures where it allows both); the node class picker offers the cluster's classes and
  // starts on the template's default.
  await page.getByText('CPU architectures').first().waitFor();
  await page.getByRole('checkbox', { name: 'amd64', checked: true }).waitFor();
  await page.getByRole('checkbox', { name: 'spot', checked: true }).waitFor();
  await page.getByRole('button', { name: /Node class/ }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 3: the advanced settings, filled in from the cluster's defaults once its policy loaded.
  await waitForValue(page, 'Expire after', '720h');
  if (ask.advanced) await ask.advanced(page);
  await screenshot(page, `${screenshotPrefix}-template-advanced`);
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 4: the grant's lifetime (the field says the cluster's default and maximum).
  const lifetime = page.getByRole('textbox', { name: 'Lifetime' });
  await lifetime.waitFor();
  if (ask.lifetime) {
    await lifetime.fill(ask.lifetime);
    await screenshot(page, `${screenshotPrefix}-template-lifetime`);
  }
  await page.getByRole('button', { name: 'Next' }).click();

  // Step 5: limits (the field shows budget and cost), namespaces, justification.
  await page.getByText('Limits').first().waitFor();
  if (ask.limits) {
    await page.getByRole('textbox', { name: 'CPU limit' }).fill(ask.limits.cpu);
    await page
      .getByRole('textbox', { name: 'Memory limit' })
      .fill(ask.limits.memory);
  }
  // minItems: 1 gives the namespaces list its first, empty entry.
  await page.locator('#root_namespaces_0').fill(ask.namespace);
  await page
    .getByRole('textbox', { name: 'Why does the team need this?' })
    .fill(ask.justification);
  // The policy check field asks the backend; the form cannot be submitted before its verdict.
  await page
    .getByText("Within the cluster's policy")
    .waitFor({ timeout: 60_000 });
  await screenshot(page, `${screenshotPrefix}-template-limits`);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const follow = page.getByRole('link', { name: 'Follow the request' });
  await follow.waitFor({ timeout: 90_000 });
  await screenshot(page, `${screenshotPrefix}-template-done`);
  const href = (await follow.getAttribute('href')) ?? '';
  const id = href.split('/requests/')[1]?.split(/[?#/]/)[0];
  if (!id)
    throw new Error(`"Follow the request" links to ${href}, not a request`);
  return id;
}

/** Waits until the text field labelled `label` holds `value` (a field that fills itself in). */
export async function waitForValue(
  page: Page,
  label: string,
  value: string,
): Promise<void> {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.waitFor();
  const deadline = Date.now() + 30_000;
  while ((await field.inputValue()) !== value) {
    if (Date.now() > deadline)
      throw new Error(
        `${label} holds "${await field.inputValue()}", not "${value}"`,
      );
    await page.waitForTimeout(100);
  }
}
