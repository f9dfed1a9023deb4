import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import { fakeSignals, type FakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import type {
  BackendCall,
  BackendRoute,
} from '../../__testUtils__/fakeBackend';
import {
  pendingRequest,
  readyPool,
  unappliedPool,
} from '../../__fixtures__/records';
import type { ClusterList } from '../../api/types';
import { EntityTeamPoolsCard } from './EntityTeamPoolsCard';

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

/** The clusters as a backend that also sends its price table would (see ClusterPolicySummary.prices). */
const clustersWithPrices: ClusterList = {
  items: clustersBody.items.map(c => ({
    ...c,
    policy: { ...c.policy, prices: clusterPolicySchema.parse({}).prices },
  })),
};

const backend =
  (clusters: ClusterList = clustersBody, pools = [readyPool, unappliedPool]) =>
  ({ path }: BackendCall) => {
    if (path === '/pools') return jsonResponse(200, { items: pools });
    if (path === '/requests')
      return jsonResponse(200, { items: [pendingRequest] });
    if (path === '/clusters') return jsonResponse(200, clusters);
    return undefined;
  };

function renderCard(entity: Entity, route: BackendRoute = backend()) {
  return renderWithBackend(
    <EntityProvider entity={entity}>
      <EntityTeamPoolsCard />
    </EntityProvider>,
    route,
  );
}

describe('EntityTeamPoolsCard', () => {
  it("lists a group's pools with phase, Ready, nodes and limits, and its pending requests", async () => {
    const { calls } = await renderCard(payments);

    const list = await screen.findByRole('list', { name: 'Team pools' });
    const general = within(list).getByRole('listitem', {
      name: 'general on local',
    });
    expect(general).toHaveTextContent('Phase: ready · Ready: True · Nodes: 3');
    expect(general).toHaveTextContent('Limits: 16 CPU, 64Gi memory');
    expect(
      within(general).getByRole('link', { name: 'general on local' }),
    ).toHaveAttribute('href', '/nodepools/pools/pool-1');
    const batch = within(list).getByRole('listitem', {
      name: 'batch on local',
    });
    expect(batch).toHaveTextContent(
      'Phase: provisioning · Ready: not reported yet · Nodes: 0',
    );
    expect(batch).toHaveTextContent('Not yet applied');

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

  it('shows provisioned capacity against limits, labelled as provisioned capacity', async () => {
    await renderCard(payments);

    const capacity = await screen.findByRole('group', {
      name: 'Provisioned capacity of general',
    });
    expect(capacity).toHaveTextContent(
      'provisioned capacity (node capacity, not pod usage)',
    );
    expect(
      within(capacity).getByRole('meter', { name: 'CPU: 12 of 16' }),
    ).toHaveAttribute('value', '12');
    expect(
      within(capacity).getByRole('meter', { name: 'Memory: 48Gi of 64Gi' }),
    ).toHaveAttribute('value', String(48 * 2 ** 30));
  });

  it("shows the team's budget used on each cluster: its pools' limits added up", async () => {
    await renderCard(payments);

    // Two pools of 16 CPU and 64Gi each, against the local cluster's budget of 128 and 512Gi.
    const budget = await screen.findByRole('group', {
      name: 'Team budget used on local',
    });
    expect(
      within(budget).getByRole('meter', { name: 'CPU: 32 of 128' }),
    ).toHaveAttribute('value', '32');
    expect(
      within(budget).getByRole('meter', { name: 'Memory: 128Gi of 512Gi' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Team budget used on staging' }),
    ).toBeNull();
  });

  it('shows the monthly cost now and at the limits when the backend sends prices', async () => {
    await renderCard(payments, backend(clustersWithPrices));

    const general = await screen.findByRole('listitem', {
      name: 'general on local',
    });
    expect(
      await within(general).findByText(
        'Monthly cost: USD 209 now; at most USD 279 at its limits',
      ),
    ).toBeVisible();
  });

  it("shows the team's pools' ceilings against its dollar budget across clusters", async () => {
    const withSpend = (spend: object) => (call: BackendCall) =>
      call.path === '/team-spend' &&
      call.query.get('owner') === 'group:default/payments'
        ? jsonResponse(200, spend)
        : backend()(call);
    await renderCard(
      payments,
      withSpend({
        owner: 'group:default/payments',
        budget: { monthly: 5000, currency: 'USD' },
        atCeilings: 1109.6,
        unchecked: [
          {
            cluster: 'lab',
            pool: 'gpu',
            reason: 'its cluster has no instance prices (only fixed rates)',
          },
        ],
      }),
    );

    const budget = await screen.findByRole('group', {
      name: 'Dollar budget across clusters',
    });
    expect(
      within(budget).getByRole('meter', {
        name: 'USD 1,110 of USD 5,000 a month at ceilings',
      }),
    ).toHaveAttribute('value', '1109.6');
    expect(
      within(budget).getByText(
        'Not counted, so the budget cannot be checked: gpu on lab (its cluster has no instance prices (only fixed rates))',
      ),
    ).toBeVisible();
  });

  it('shows no dollar budget for a team without one', async () => {
    await renderCard(payments, (call: BackendCall) =>
      call.path === '/team-spend'
        ? jsonResponse(200, {
            owner: 'group:default/payments',
            atCeilings: 0,
            unchecked: [],
          })
        : backend()(call),
    );

    await screen.findByRole('group', { name: 'Team budget used on local' });
    expect(
      screen.queryByRole('group', { name: 'Dollar budget across clusters' }),
    ).toBeNull();
  });

  it('shows no cost line when the backend sends no prices', async () => {
    await renderCard(payments);

    await screen.findByRole('group', { name: 'Team budget used on local' });
    expect(screen.queryByText(/Monthly cost/)).toBeNull();
  });

  it('says how to get a pool when the team has none', async () => {
    await renderCard(payments, backend(clustersBody, []));

    expect(
      await screen.findByText(/This team has no node pool yet/),
    ).toHaveTextContent('Request one with the node pool template in Create.');
    expect(screen.queryByRole('group', { name: /Team budget/ })).toBeNull();
  });

  it('says what failed and offers to try again when the backend fails', async () => {
    await renderCard(payments, call =>
      call.path === '/pools'
        ? jsonResponse(
            503,
            errorBody(503, 'ServiceUnavailableError', 'database is down'),
          )
        : backend()(call),
    );

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent("Could not load the team's pools");
    expect(alert).toHaveTextContent('database is down');
    expect(
      within(alert).getByRole('button', { name: 'Try again' }),
    ).toBeVisible();
  });

  it("shows a component's owner team's pools", async () => {
    const { calls } = await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'checkout' },
      spec: { type: 'service', owner: 'payments', lifecycle: 'production' },
    });

    await screen.findByRole('list', { name: 'Team pools' });
    expect(calls.find(c => c.path === '/pools')!.query.get('owner')).toBe(
      'group:default/payments',
    );
  });

  it('explains an entity without an owner group', async () => {
    const { calls } = await renderCard({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orphan' },
      spec: { type: 'service', owner: 'user:default/bob', lifecycle: 'x' },
    });

    expect(await screen.findByText(/is not owned by a group/)).toBeVisible();
    expect(calls.filter(c => c.path === '/pools')).toEqual([]);
  });
});

describe('EntityTeamPoolsCard live updates', () => {
  afterEach(() => jest.useRealTimers());

  /** A team whose pending request gets approved into a new pool when the test says so. */
  function approvedLater() {
    let pools = [readyPool];
    let pending = [pendingRequest];
    const route: BackendRoute = ({ path }) => {
      if (path === '/pools') return jsonResponse(200, { items: pools });
      if (path === '/requests') return jsonResponse(200, { items: pending });
      if (path === '/clusters') return jsonResponse(200, clustersBody);
      return undefined;
    };
    const approve = () => {
      pools = [readyPool, unappliedPool];
      pending = [];
    };
    return { route, approve };
  }
  const poolLists = (calls: BackendCall[]) =>
    calls.filter(c => c.path === '/pools').length;
  const render = (route: BackendRoute, signals?: FakeSignals) =>
    renderWithBackend(
      <EntityProvider entity={payments}>
        <EntityTeamPoolsCard />
      </EntityProvider>,
      route,
      { signals },
    );

  it("loads again when the backend signals a change to one of the team's pools or requests", async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const team = approvedLater();
    const { calls } = await render(team.route, signals);
    const list = await screen.findByRole('list', { name: 'Team pools' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    const before = poolLists(calls);

    // Other teams' pools and requests changing, and time passing: nothing to ask.
    await signals.publish(
      { poolIds: ['pool-of-search'], events: ['pool.status-changed'] },
      { requestIds: ['req-of-search'], events: ['request.rejected'] },
    );
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(poolLists(calls)).toBe(before);

    // Its pending request approved: a new pool, and the request no longer waits.
    team.approve();
    await signals.publish({
      poolIds: [unappliedPool.id],
      requestIds: [pendingRequest.id],
      events: ['pool.created', 'request.approved'],
    });
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')).toHaveLength(2),
    );
    expect(screen.getByText('None waiting for a decision.')).toBeVisible();
    expect(poolLists(calls)).toBe(before + 1);

    // A status change of one of its pools.
    await signals.publish({
      poolIds: [readyPool.id],
      events: ['pool.status-changed'],
    });
    await waitFor(() => expect(poolLists(calls)).toBe(before + 2));
    // A new request of some team: it may be this one's, since the signal does not say whose.
    await signals.publish({
      requestIds: ['req-new'],
      events: ['request.created'],
    });
    await waitFor(() => expect(poolLists(calls)).toBe(before + 3));
    expect(screen.queryByText(/install the signals plugin/)).toBeNull();
  });

  it('without the signals plugin, asks again every 15 seconds and says so', async () => {
    jest.useFakeTimers();
    const team = approvedLater();
    await render(team.route);
    const list = await screen.findByRole('list', { name: 'Team pools' });
    expect(
      screen.getByText(
        'Updates every 15 s; install the signals plugin for live updates.',
      ),
    ).toBeVisible();

    team.approve();
    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    await waitFor(() =>
      expect(within(list).getAllByRole('listitem')).toHaveLength(2),
    );
  });
});
