import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import type {
  BackendCall,
  BackendRoute,
} from '../../__testUtils__/fakeBackend';
import { fakeSignals, type FakeSignals } from '../../__testUtils__/fakeSignals';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import {
  poolHistory,
  readyPool,
  unappliedPool,
} from '../../__fixtures__/records';
import { PoolStatusCard } from './PoolStatusCard';

const resource = (poolId?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'payments-general',
    annotations: poolId ? { 'nodepools.backstage.io/pool-id': poolId } : {},
  },
  spec: { type: 'karpenter-nodepool', owner: 'group:default/payments' },
});

function renderCard(
  poolId?: string,
  clusters = clustersBody,
  newPool = unappliedPool,
) {
  return renderWithBackend(
    <EntityProvider entity={resource(poolId)}>
      <PoolStatusCard />
    </EntityProvider>,
    ({ path }) => {
      if (path === '/pools/pool-1') return jsonResponse(200, readyPool);
      if (path === '/pools/pool-new') return jsonResponse(200, newPool);
      if (path.endsWith('/history'))
        return jsonResponse(200, { items: poolHistory });
      if (path === '/clusters') return jsonResponse(200, clusters);
      return undefined;
    },
  );
}

describe('PoolStatusCard', () => {
  it('shows phase, conditions with reasons, nodes and provisioned capacity against limits', async () => {
    await renderCard('pool-1');

    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(await screen.findByLabelText('Workload snippet')).toBeVisible();
    const conditions = screen.getByRole('list', { name: 'Conditions' });
    expect(
      within(conditions)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'Ready: TrueKarpenter may launch nodes for this pool.',
      "ValidationSucceeded: TrueThe NodePool passed Karpenter's own checks.",
      'NodeClassReady: TrueThe node class the pool uses exists and is ready.',
      'NodeRegistrationHealthy: False (NodeRegistrationFailed) — one node did not join within 15mNodes launched for this pool did not join the cluster: check the node class (image, subnets, security groups).',
    ]);
    const capacity = screen.getByRole('group', {
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
    ).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Pool history' }),
    ).toHaveTextContent('generation 2 applied');
  });

  it("shows the exact toleration and node selector from the cluster's policy keys", async () => {
    await renderCard('pool-1');

    const snippet = await screen.findByLabelText('Workload snippet');
    expect(snippet.textContent).toBe(
      [
        'tolerations:',
        '  - key: nodepools.backstage.io/team',
        '    operator: Equal',
        '    value: payments',
        '    effect: NoSchedule',
        'nodeSelector:',
        '  nodepools.backstage.io/team: payments',
        '',
      ].join('\n'),
    );
  });

  it("lists the pool's NodeClaims with node, instance, zone, state and capacity", async () => {
    await renderCard('pool-1');

    const table = await screen.findByRole('grid', { name: 'NodeClaims' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map(r => r.textContent)).toEqual([
      'payments-general-7x2kqip-10-0-1-17.eu-west-1.compute.internalm6i.xlarge, spoteu-west-1aready4 CPU, 16Gi memory',
      'payments-general-9m4tz(not registered)m6i.xlarge, spoteu-west-1bnot registered (NodeNotFound)',
    ]);
  });

  it('says why there are no NodeClaims when the pool has no nodes', async () => {
    await renderCard('pool-new', clustersBody, {
      ...unappliedPool,
      status: { conditions: [], nodes: 0, observedAt: '2026-11-24T10:00:00Z' },
    });

    expect(
      await screen.findByText(/No NodeClaims: the pool has no nodes/),
    ).toBeVisible();
    expect(screen.queryByRole('grid', { name: 'NodeClaims' })).toBeNull();
  });

  it('explains in one line what a condition Karpenter has not settled means', async () => {
    const fresh = {
      ...readyPool,
      status: {
        ...readyPool.status!,
        conditions: [
          { type: 'NodeRegistrationHealthy', status: 'Unknown' as const },
          { type: 'SomethingNew', status: 'Unknown' as const },
        ],
      },
    };
    await renderWithBackend(
      <EntityProvider entity={resource('pool-1')}>
        <PoolStatusCard />
      </EntityProvider>,
      ({ path }) => {
        if (path === '/pools/pool-1') return jsonResponse(200, fresh);
        if (path === '/clusters') return jsonResponse(200, clustersBody);
        return undefined;
      },
    );

    const conditions = await screen.findByRole('list', { name: 'Conditions' });
    expect(
      within(conditions)
        .getAllByRole('listitem')
        .map(i => i.textContent),
    ).toEqual([
      'NodeRegistrationHealthy: UnknownNo node of this pool has joined the cluster yet (normal until the first node is needed); Karpenter sets this after it launches one.',
      // A condition Karpenter added later: shown as it is, without a guess at its meaning.
      'SomethingNew: Unknown',
    ]);
  });

  it('copies the snippet to the clipboard with the keyboard', async () => {
    // user-event puts a clipboard stub in place; the spy records what the button wrote to it.
    const user = userEvent.setup();
    const writeText = jest.spyOn(window.navigator.clipboard, 'writeText');
    await renderCard('pool-1');
    const snippet = await screen.findByLabelText('Workload snippet');

    await user.tab();
    const button = screen.getByRole('button', { name: 'Copy snippet' });
    while (document.activeElement !== button) await user.tab();
    await user.keyboard('{Enter}');

    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(snippet.textContent),
    );
    expect(
      await screen.findByText('Copied: paste it into the pod spec.'),
    ).toHaveAttribute('role', 'status');
  });

  it("says when the pool's limits keep pods pending, and how to raise them", async () => {
    await renderCard('pool-new', clustersBody, {
      ...readyPool,
      id: 'pool-new',
      status: {
        ...readyPool.status!,
        limitsReached: ['cpu'],
        launchBlockedByLimits: {
          pods: 2,
          message:
            'all available instance types exceed limits for nodepool: "payments-general"',
          reportedAt: '2026-11-24T09:58:00.000Z',
        },
      },
    });

    expect(
      await screen.findByText(
        "2 pod(s) pending: the pool's limits leave no room for another node",
      ),
    ).toBeVisible();
    expect(
      screen.getByText(/all available instance types exceed limits/),
    ).toHaveTextContent(
      'Karpenter, 2026-11-24 09:58 UTC: all available instance types exceed limits for nodepool: "payments-general" To grow the pool, ask for higher limits with the template "Change a node pool" in Create.',
    );
  });

  it('says when provisioned capacity reached a limit', async () => {
    await renderCard('pool-new', clustersBody, {
      ...readyPool,
      id: 'pool-new',
      status: { ...readyPool.status!, limitsReached: ['cpu', 'memory'] },
    });

    expect(
      await screen.findByText(
        'At its cpu and memory limit: Karpenter launches no more nodes for this pool',
      ),
    ).toBeVisible();
  });

  it('says nothing about limits while there is room', async () => {
    await renderCard('pool-1');

    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(screen.queryByText(/limit: Karpenter launches no more/)).toBeNull();
    expect(screen.queryByText(/pod\(s\) pending/)).toBeNull();
  });

  it('links to the pool page', async () => {
    await renderCard('pool-1');

    expect(
      await screen.findByRole('link', { name: 'Open the pool page' }),
    ).toHaveAttribute('href', '/nodepools/pools/pool-1');
  });

  it('says the pool is not yet applied while it has no status', async () => {
    await renderCard('pool-new');

    expect(await screen.findByText(/Not yet applied/)).toBeVisible();
    // The history and the snippet load alongside; the card is settled once both are shown.
    expect(await screen.findByText('generation 2 applied')).toBeVisible();
    expect(await screen.findByLabelText('Workload snippet')).toBeVisible();
    expect(
      screen.queryByRole('group', { name: /Provisioned capacity/ }),
    ).toBeNull();
  });

  it("notes when the pool's cluster is not healthy", async () => {
    const [local, staging] = clustersBody.items;
    await renderCard('pool-1', {
      items: [{ ...local, health: staging.health }, staging],
    });

    expect(
      await screen.findByText('Cluster local is unreachable'),
    ).toBeVisible();
    expect(
      screen.getByText(/connect ECONNREFUSED 10\.0\.0\.1:443/),
    ).toHaveTextContent(
      'Last reconciled 2026-11-24 08:00 UTC: the status below may be older than that. Next attempt 2026-11-24 10:05 UTC',
    );
    expect(await screen.findByText('Nodes: 3')).toBeVisible();
  });

  it('adds no note while the cluster is healthy', async () => {
    await renderCard('pool-1');

    expect(await screen.findByLabelText('Workload snippet')).toBeVisible();
    expect(screen.queryByText(/Cluster local/)).toBeNull();
    expect(screen.queryByText(/last reconcile of cluster/)).toBeNull();
  });

  it('explains a missing pool id annotation', async () => {
    const { calls } = await renderCard(undefined);

    expect(calls).toEqual([]);
    expect(
      await screen.findByText(
        /has no nodepools.backstage.io\/pool-id annotation/,
      ),
    ).toBeVisible();
  });
});

describe('PoolStatusCard live updates', () => {
  afterEach(() => jest.useRealTimers());

  /** A backend whose pool gains nodes when the test says so. */
  function growingPool() {
    let pool = readyPool;
    const route: BackendRoute = ({ path }) => {
      if (path === '/pools/pool-1') return jsonResponse(200, pool);
      if (path.endsWith('/history'))
        return jsonResponse(200, { items: poolHistory });
      if (path === '/clusters') return jsonResponse(200, clustersBody);
      return undefined;
    };
    const grow = () => {
      pool = { ...readyPool, status: { ...readyPool.status!, nodes: 5 } };
    };
    return { route, grow };
  }
  const render = (route: BackendRoute, signals?: FakeSignals) =>
    renderWithBackend(
      <EntityProvider entity={resource('pool-1')}>
        <PoolStatusCard />
      </EntityProvider>,
      route,
      { signals },
    );
  const poolReads = (calls: BackendCall[]) =>
    calls.filter(c => c.path === '/pools/pool-1').length;

  it('loads again when the backend signals a change to this pool, and only then', async () => {
    jest.useFakeTimers();
    const signals = fakeSignals();
    const backend = growingPool();
    const { calls } = await render(backend.route, signals);
    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    const reads = poolReads(calls);

    // Another pool's change, and time passing, ask nothing: no timer polls.
    await signals.publish({ poolIds: ['pool-2'], events: ['pool.applied'] });
    await act(async () => {
      jest.advanceTimersByTime(60_000);
    });
    expect(poolReads(calls)).toBe(reads);

    backend.grow();
    await signals.publish({
      poolIds: ['pool-1'],
      events: ['pool.status-changed'],
    });
    expect(await screen.findByText('Nodes: 5')).toBeVisible();
    expect(poolReads(calls)).toBe(reads + 1);
    expect(screen.queryByText(/install the signals plugin/)).toBeNull();
  });

  it('without the signals plugin, loads again every 15 seconds and says so', async () => {
    jest.useFakeTimers();
    const backend = growingPool();
    const { calls } = await render(backend.route);
    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(
      screen.getByText(
        'Updates every 15 s; install the signals plugin for live updates.',
      ),
    ).toBeVisible();
    const reads = poolReads(calls);

    backend.grow();
    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    expect(await screen.findByText('Nodes: 5')).toBeVisible();
    expect(poolReads(calls)).toBe(reads + 1);
  });
});
