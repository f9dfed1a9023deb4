import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import type {
  BackendCall,
  BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { fakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { pendingRequest, rejectedRequest } from '../../__fixtures__/records';
import { ApprovalQueuePage } from './ApprovalQueuePage';
import { MyRequestsPage } from '../MyRequestsPage';

// Two pages of pending requests: the second is reached with the first page's cursor.
const secondPending = { ...pendingRequest, id: 'req-3', pool: 'batch' };
const backend: BackendRoute = ({ path, query }) => {
  if (path === '/clusters') return jsonResponse(200, clustersBody);
  if (path !== '/requests') return undefined;
  if (query.get('cursor') === 'page-2') {
    return jsonResponse(200, { items: [secondPending] });
  }
  const state = query.get('state');
  const items = [pendingRequest, rejectedRequest].filter(
    r => !state || r.state === state,
  );
  return jsonResponse(200, {
    items,
    nextCursor: state === 'pending' ? 'page-2' : undefined,
  });
};

const rowHeaders = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getByRole('rowheader').textContent);

describe('ApprovalQueuePage', () => {
  it('lists pending requests newest first, linking each to its detail page', async () => {
    const { calls } = await renderWithBackend(<ApprovalQueuePage />, backend);

    const table = await screen.findByRole('grid', { name: 'Requests' });
    expect(rowHeaders(table)).toEqual(['general on local']);
    expect(
      within(table).getByRole('link', { name: 'general on local' }),
    ).toHaveAttribute('href', '/nodepools/requests/req-1');
    const list = calls.find(c => c.path === '/requests')!;
    expect(list.query.getAll('state')).toEqual(['pending']);
    expect(list.query.get('order')).toBe('newest');
  });

  it('loads the next page with the cursor and appends it', async () => {
    const { calls } = await renderWithBackend(<ApprovalQueuePage />, backend);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Load more' }),
    );

    const table = screen.getByRole('grid', { name: 'Requests' });
    await waitFor(() =>
      expect(rowHeaders(table)).toEqual(['general on local', 'batch on local']),
    );
    expect(
      calls
        .filter(c => c.path === '/requests')
        .at(-1)!
        .query.get('cursor'),
    ).toBe('page-2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('filters by team, sending the group ref to the backend', async () => {
    const { calls } = await renderWithBackend(<ApprovalQueuePage />, backend);
    await screen.findByRole('grid', { name: 'Requests' });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Team' }),
      'search',
    );

    await waitFor(() =>
      expect(
        calls
          .filter(c => c.path === '/requests')
          .at(-1)!
          .query.get('owner'),
      ).toBe('group:default/search'),
    );
  });

  it('says what to do when no request matches', async () => {
    await renderWithBackend(<ApprovalQueuePage />, ({ path }) =>
      path === '/requests'
        ? jsonResponse(200, { items: [] })
        : jsonResponse(200, clustersBody),
    );

    expect(
      await screen.findByText(/No request matches these filters/),
    ).toBeVisible();
  });
});

describe('ApprovalQueuePage live updates', () => {
  afterEach(() => jest.useRealTimers());

  /** A queue that gains a request when the test says so. */
  function growingQueue() {
    const items = [pendingRequest];
    const route: BackendRoute = ({ path }) => {
      if (path === '/clusters') return jsonResponse(200, clustersBody);
      if (path === '/requests') return jsonResponse(200, { items: [...items] });
      return undefined;
    };
    return { route, file: () => items.unshift(secondPending) };
  }
  const listCalls = (calls: BackendCall[]) =>
    calls.filter(c => c.path === '/requests').length;

  it('shows a newly filed request when the backend signals it, keeping the table in place', async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const queue = growingQueue();
    const { calls } = await renderWithBackend(
      <ApprovalQueuePage />,
      queue.route,
      { signals },
    );
    const table = await screen.findByRole('grid', { name: 'Requests' });
    expect(rowHeaders(table)).toEqual(['general on local']);
    const lists = listCalls(calls);

    // A pool's status says nothing about requests; time passing asks nothing either.
    await signals.publish({ poolIds: ['pool-1'] });
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(listCalls(calls)).toBe(lists);

    queue.file();
    await signals.publish({
      requestIds: [secondPending.id],
      events: ['request.created'],
    });
    await waitFor(() =>
      expect(rowHeaders(table)).toEqual(['batch on local', 'general on local']),
    );
    // The same table, never replaced by "Loading": an open page does not flicker.
    expect(screen.getByRole('grid', { name: 'Requests' })).toBe(table);
    expect(listCalls(calls)).toBe(lists + 1);
    expect(screen.queryByText(/install the signals plugin/)).toBeNull();
  });

  it('without the signals plugin, asks again every 15 seconds and says so', async () => {
    jest.useFakeTimers();
    const queue = growingQueue();
    const { calls } = await renderWithBackend(
      <ApprovalQueuePage />,
      queue.route,
    );
    const table = await screen.findByRole('grid', { name: 'Requests' });
    expect(
      screen.getByText(
        'Updates every 15 s; install the signals plugin for live updates.',
      ),
    ).toBeVisible();
    const lists = listCalls(calls);

    queue.file();
    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    await waitFor(() =>
      expect(rowHeaders(table)).toEqual(['batch on local', 'general on local']),
    );
    expect(listCalls(calls)).toBe(lists + 1);
  });
});

describe('MyRequestsPage', () => {
  it("lists the signed-in user's requests in every state", async () => {
    const { calls } = await renderWithBackend(<MyRequestsPage />, backend, {
      user: 'user:default/alice',
    });

    const table = await screen.findByRole('grid', { name: 'Requests' });
    expect(rowHeaders(table)).toEqual(['general on local', 'gpu on staging']);
    const list = calls.find(c => c.path === '/requests')!;
    expect(list.query.get('requester')).toBe('user:default/alice');
    expect(list.query.get('state')).toBeNull();
  });
});
