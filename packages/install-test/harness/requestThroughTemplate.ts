import type { Page } from 'playwright-core';

/** What the team member asks for in the template's form. */
export interface PoolAsk {
  teamTitle: string;
  clusterTitle: string;
  pool: string;
  namespace: string;
  justification: string;
}

/**
 * Runs the template "Request a dedicated node pool" the way a user does: team and cluster from
 * the pickers, the pool name, the defaults for requirements and limits, a namespace and a reason;
 * waits for the form's policy verdict, creates, and returns the request id from the template's
 * "Follow the request" link.
 */
export async function requestPoolThroughTemplate(
  page: Page,
  ask: PoolAsk,
): Promise<string> {
  await page.goto('/create');
  await page
    .getByText('Request a dedicated node pool')
    .first()
    .waitFor({ timeout: 60_000 });
  await page.goto('/create/templates/default/request-node-pool');
  await page
    .getByRole('heading', { name: 'Request a dedicated node pool' })
    .first()
    .waitFor();

  // The team picker lists the user's teams and has chosen already when there is one.
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
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('CPU architectures').first().waitFor();
  await page.getByRole('button', { name: /Node class/ }).waitFor();
  await page.getByRole('button', { name: 'Next' }).click();

  await page.getByText('Limits').first().waitFor();
  await page.locator('#root_namespaces_0').fill(ask.namespace);
  await page
    .getByRole('textbox', { name: 'Why does the team need this?' })
    .fill(ask.justification);
  await page
    .getByText("Within the cluster's policy")
    .waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  const follow = page.getByRole('link', { name: 'Follow the request' });
  await follow.waitFor({ timeout: 90_000 });
  const href = (await follow.getAttribute('href')) ?? '';
  const id = href.split('/requests/')[1]?.split(/[?#/]/)[0];
  if (!id)
    throw new Error(`"Follow the request" links to ${href}, not a request`);
  return id;
}
