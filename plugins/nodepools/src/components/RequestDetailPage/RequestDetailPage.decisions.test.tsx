import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { pendingRequest } from '../../__fixtures__/records';
import { RequestDetailPage } from './RequestDetailPage';
import { backendWith } from './__testUtils__/requestDetailBackend';

describe('RequestDetailPage: decisions', () => {
  it('asks before approving, takes an optional comment, and sends it to POST /requests/:id/approve', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'approved' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    const dialog = await screen.findByRole('dialog');
    // local needs one approval (clustersBody): this one applies the pool.
    expect(
      await within(dialog).findByText(
        /^This is the only approval this request needs: approving applies the pool\./,
      ),
    ).toBeVisible();
    expect(calls.some(c => c.path.endsWith('/approve'))).toBe(false);
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Comment/ }),
      '  sized for the Black Friday peak  ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    await waitFor(() =>
      expect(
        screen.getByRole('list', { name: 'Request facts' }),
      ).toHaveTextContent('State: approved'),
    );
    expect(calls.filter(c => c.path.endsWith('/approve'))).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: { comment: 'sized for the Black Friday peak' },
      }),
    ]);
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
  });

  it('needs a reason to reject, and sends it to POST /requests/:id/reject', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'rejected' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject…' }),
    );
    const dialog = await screen.findByRole('dialog');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'too large for this cluster',
    );
    expect(reject).toBeEnabled();
    await userEvent.click(reject);

    await waitFor(() =>
      expect(calls.filter(c => c.path.endsWith('/reject'))).toEqual([
        expect.objectContaining({
          body: { comment: 'too large for this cluster' },
        }),
      ]),
    );
  });

  it('hides Approve and Reject without the decide permission', async () => {
    // Another team's request: usePermission caches answers per permission and resource across
    // renders (SWR), so a resource asked about in an earlier test would still read as allowed.
    const searchRequest = { ...pendingRequest, owner: 'group:default/search' };
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(searchRequest, searchRequest),
      { allow: false },
    );

    await screen.findByRole('grid', { name: 'Changes' });
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject…' })).toBeNull();
  });

  it('approves without a comment, and keeps it pending when the approver steps back', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'approved' }),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Keep it pending',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some(c => c.path.endsWith('/approve'))).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Approve…' }));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );
    await waitFor(() =>
      expect(calls.filter(c => c.path.endsWith('/approve'))).toEqual([
        expect.objectContaining({ body: {} }),
      ]),
    );
  });

  it('tells an approver who filed the request why they cannot approve it, and who must', async () => {
    // alice files it and is an approver (the permission allows deciding): the backend never lets
    // a requester decide, so instead of vanished buttons she reads why.
    await renderWithBackend(<RequestDetailPage id="req-1" />, backendWith(), {
      user: 'user:default/alice',
    });

    expect(
      await screen.findByText(
        'You filed this request, so you cannot approve it: another member of platform must approve. Quorum 1, 1 so far.',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(
      screen.getByRole('button', { name: 'Cancel request' }),
    ).toBeVisible();
  });

  it('shows no such note to a requester who may not approve anyway', async () => {
    const searchRequest = {
      ...pendingRequest,
      owner: 'group:default/search',
    };
    await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(searchRequest, searchRequest),
      { user: 'user:default/alice', allow: false },
    );

    await screen.findByRole('button', { name: 'Cancel request' });
    expect(screen.queryByText(/You filed this request/)).toBeNull();
  });

  it('offers Cancel, not Approve, to the requester', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith({ ...pendingRequest, state: 'cancelled' }),
      { user: 'user:default/alice' },
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Cancel request' }),
    );

    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    await waitFor(() =>
      expect(calls.some(c => c.path === '/requests/req-1/cancel')).toBe(true),
    );
  });

  it("shows the backend's refusal of a decision", async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path.endsWith('/approve')
        ? jsonResponse(
            409,
            errorBody(409, 'ConflictError', 'no longer within policy'),
          )
        : backendWith()(call),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve…' }),
    );
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Approve',
      }),
    );

    // The dialog closes so the refusal is readable on the page.
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'no longer within policy (HTTP 409)',
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('says so when the request stopped being pending (409) instead of failing the page', async () => {
    await renderWithBackend(<RequestDetailPage id="req-1" />, call =>
      call.path === '/requests/req-1/preview'
        ? jsonResponse(
            409,
            errorBody(409, 'ConflictError', 'request req-1 is approved'),
          )
        : backendWith()(call),
    );

    expect(
      await screen.findByText('The request is no longer pending'),
    ).toBeVisible();
    expect(screen.getByRole('button', { name: 'Approve…' })).toBeVisible();
    expect(screen.queryByText(/only available to members/)).toBeNull();
  });

  it('closes the reject dialog with Escape, without rejecting', async () => {
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backendWith(),
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Reject…' }),
    );
    await screen.findByRole('dialog');
    await userEvent.keyboard('{Escape}');

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(calls.some(c => c.path.endsWith('/reject'))).toBe(false);
  });
});
