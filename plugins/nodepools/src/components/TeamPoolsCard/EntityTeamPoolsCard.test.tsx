import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { jsonResponse } from '../../__fixtures__/contract';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import {
  pendingRequest,
  readyPool,
  unappliedPool,
} from '../../__fixtures__/records';
import { EntityTeamPoolsCard } from './EntityTeamPoolsCard';

function renderCard(entity: Entity) {
  return renderWithBackend(
    <EntityProvider entity={entity}>
      <EntityTeamPoolsCard />
    </EntityProvider>,
    ({ path }) => {
      if (path === '/pools')
        return jsonResponse(200, { items: [readyPool, unappliedPool] });
      if (path === '/requests')
        return jsonResponse(200, { items: [pendingRequest] });
      return undefined;
    },
  );
}

describe('EntityTeamPoolsCard', () => {
  it("lists a group's pools with phase and limits, and its pending requests", async () => {
    const { calls } = await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments' },
      spec: { type: 'team', children: [] },
    });

    const table = await screen.findByRole('grid', { name: 'Team pools' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'generallocalready16 CPU, 64Gi memory',
      'batchlocalprovisioning (not yet applied)16 CPU, 64Gi memory',
    ]);
    expect(
      screen.getByRole('link', { name: 'update general on local' }),
    ).toHaveAttribute('href', '/nodepools/requests/req-1');
    expect(calls.find(c => c.path === '/pools')!.query.get('owner')).toBe(
      'group:default/payments',
    );
    const requests = calls.find(c => c.path === '/requests')!;
    expect(requests.query.get('owner')).toBe('group:default/payments');
    expect(requests.query.getAll('state')).toEqual(['pending']);
  });

  it("shows a component's owner team's pools", async () => {
    const { calls } = await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout' },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    });

    await screen.findByRole('grid', { name: 'Team pools' });
    expect(calls.find(c => c.path === '/pools')!.query.get('owner')).toBe(
      'group:default/payments',
    );
  });
});
