import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse } from '../../__fixtures__/contract';
import { readyPool } from '../../__fixtures__/records';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { GrantExpiry } from './GrantExpiry';
import { describeRequestExpiry } from './describeExpiry';

const now = new Date('2026-12-01T10:00:00.000Z');
const expiring = { ...readyPool, expiresAt: '2026-12-06T12:00:00.000Z' };
const lifetime = {
  default: '30d',
  max: '90d',
  required: false,
  warnBefore: ['7d', '1d'],
  onExpiry: 'decommission' as const,
};

describe('GrantExpiry', () => {
  it('says when the grant runs out, and files an Extend as a change with the same spec and a new lifetime', async () => {
    const { calls } = await renderWithBackend(
      <GrantExpiry pool={expiring} lifetime={lifetime} now={() => now} />,
      ({ method, path, body }) =>
        method === 'POST' && path === '/requests'
          ? jsonResponse(201, {
              ...body,
              id: 'req-9',
              state: 'pending',
              decisions: [],
            })
          : undefined,
    );
    expect(
      screen.getByText('Expires in 5 days (2026-12-06 12:00 UTC)'),
    ).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Extend' }));
    const dialog = await screen.findByRole('dialog');
    const field = within(dialog).getByRole('textbox', { name: 'Lifetime' });
    expect(field).toHaveValue('30d');
    const submit = within(dialog).getByRole('button', {
      name: 'Request the extension',
    });
    expect(submit).toBeDisabled(); // no justification yet
    await userEvent.clear(field);
    await userEvent.type(field, '60d');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Why does the team/ }),
      'the migration runs until February',
    );
    await userEvent.click(submit);

    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Extension requested for 60d; it waits for approval',
      ),
    );
    expect(calls.filter(c => c.method === 'POST')).toEqual([
      expect.objectContaining({
        path: '/requests',
        body: {
          kind: 'update',
          owner: readyPool.owner,
          cluster: readyPool.cluster,
          pool: readyPool.name,
          spec: readyPool.spec,
          justification: 'the migration runs until February',
          lifetime: '60d',
        },
      }),
    ]);
  });

  it('shows nothing for a pool without a lifetime, and no Extend for one being removed', async () => {
    await renderWithBackend(
      <>
        <GrantExpiry pool={readyPool} now={() => now} />
        <GrantExpiry
          pool={{ ...expiring, phase: 'decommissioning' }}
          now={() => new Date('2026-12-07T00:00:00.000Z')}
        />
      </>,
      () => undefined,
    );
    expect(screen.getByText('Expired at 2026-12-06 12:00 UTC')).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Extend' })).toBeNull();
    expect(screen.queryByText(/Expires in/)).toBeNull();
  });

  it('tells the approver the expiry date a lifetime gives', () => {
    const request = { lifetime: '30d', decisions: [] };
    expect(describeRequestExpiry({ ...request, state: 'pending' }, now)).toBe(
      '30d: expires 2026-12-31 10:00 UTC if approved now',
    );
    expect(
      describeRequestExpiry(
        {
          ...request,
          state: 'applied',
          decisions: [
            {
              actor: 'user:default/alice',
              decision: 'approve',
              createdAt: '2026-11-01T00:00:00.000Z',
            },
          ],
        },
        now,
      ),
    ).toBe('30d: until 2026-12-01 00:00 UTC');
  });
});
