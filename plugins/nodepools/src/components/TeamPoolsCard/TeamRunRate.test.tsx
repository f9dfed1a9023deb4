import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { RunRate } from '@nodepools/plugin-nodepools-common';
import { screen, within } from '@testing-library/react';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { readyPool, unappliedPool } from '../../__fixtures__/records';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { EntityTeamPoolsCard } from './EntityTeamPoolsCard';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

const rate = (hourly: number, monthly: number): RunRate => ({
  currency: 'USD',
  hourly,
  monthly,
  priced: 1,
  unpriced: 0,
  summary: '',
  source: { kind: 'table', stale: false },
});

describe('the run-rate on the team card', () => {
  it('shows each priced pool’s run-rate and the team’s sum, labelled as list prices of provisioned nodes', async () => {
    await renderWithBackend(
      <EntityProvider entity={payments}>
        <EntityTeamPoolsCard />
      </EntityProvider>,
      ({ path }) => {
        if (path === '/pools')
          return jsonResponse(200, {
            items: [
              { ...readyPool, runRate: rate(0.192, 140.16) },
              {
                ...unappliedPool,
                id: 'pool-3',
                name: 'batch',
                runRate: rate(0.0698, 50.95),
              },
              { ...unappliedPool, id: 'pool-4', name: 'unpriced' },
            ],
          });
        if (path === '/requests') return jsonResponse(200, { items: [] });
        if (path === '/clusters') return jsonResponse(200, clustersBody);
        return undefined;
      },
    );
    const general = await screen.findByRole('listitem', {
      name: `${readyPool.name} on ${readyPool.cluster}`,
    });
    expect(
      within(general).getByText(
        /^Run-rate now: USD 0\.192\/h · USD 140\.16\/month/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Team run-rate now: USD 0.262/h · USD 191.11/month over 2 priced pool(s) (list prices before discounts; provisioned nodes, not usage)',
      ),
    ).toBeInTheDocument();
  });
});
