import { act, screen, waitFor } from '@testing-library/react';
import { jsonResponse } from '../../__fixtures__/contract';
import type {
  BackendCall,
  BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { pendingRequest, requestHistory } from '../../__fixtures__/records';
import { RequestDetailPage } from './RequestDetailPage';
import { previewBody } from './__testUtils__/requestDetailBackend';

describe('RequestDetailPage live updates', () => {
  afterEach(() => jest.useRealTimers());

  /** A backend where someone else decides the request when the test says so. */
  function decidedElsewhere() {
    let current = pendingRequest;
    const route: BackendRoute = ({ method, path }) => {
      if (method === 'GET' && path === '/requests/req-1')
        return jsonResponse(200, current);
      if (path === '/requests/req-1/history')
        return jsonResponse(200, { items: requestHistory });
      if (path === '/requests/req-1/preview')
        return jsonResponse(200, previewBody);
      return undefined;
    };
    const approve = () => {
      current = {
        ...pendingRequest,
        state: 'approved',
        updatedAt: '2026-11-24T11:00:00.000Z',
      };
    };
    return { route, approve };
  }
  const reads = (calls: BackendCall[]) =>
    calls.filter(c => c.path === '/requests/req-1').length;
  const facts = () => screen.getByRole('list', { name: 'Request facts' });

  it("shows another approver's decision when the backend signals it", async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const backend = decidedElsewhere();
    const { calls } = await renderWithBackend(
      <RequestDetailPage id="req-1" />,
      backend.route,
      { signals },
    );
    await screen.findByRole('button', { name: 'Approve…' });
    expect(facts()).toHaveTextContent('State: pending');
    const before = reads(calls);

    await signals.publish({ requestIds: ['req-2'] });
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(reads(calls)).toBe(before);

    backend.approve();
    await signals.publish({
      requestIds: ['req-1'],
      poolIds: ['pool-1'],
      events: ['pool.created', 'request.approved'],
    });
    await waitFor(() => expect(facts()).toHaveTextContent('State: approved'));
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
    expect(reads(calls)).toBe(before + 1);
    expect(screen.queryByText(/install the signals plugin/)).toBeNull();
  });

  it('without the signals plugin, asks again every 15 seconds and says so', async () => {
    jest.useFakeTimers();
    const backend = decidedElsewhere();
    await renderWithBackend(<RequestDetailPage id="req-1" />, backend.route);
    await screen.findByRole('button', { name: 'Approve…' });
    expect(
      screen.getByText(
        'Updates every 15 s; install the signals plugin for live updates.',
      ),
    ).toBeVisible();

    backend.approve();
    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    await waitFor(() => expect(facts()).toHaveTextContent('State: approved'));
  });
});
