import { screen, waitFor } from '@testing-library/react';
import type {
  PoolSample,
  PoolSamplesResponse,
  RunRate,
} from '@nodepools/plugin-nodepools-common';
import { clustersBody, jsonResponse } from '../../__fixtures__/contract';
import { readyPool } from '../../__fixtures__/records';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { PoolStatusView } from '../PoolStatusCard/PoolStatusView';
import { SpendChart } from './SpendChart';

const hour = (h: number) =>
  new Date(Date.parse('2026-12-05T00:00:00Z') + h * 3_600_000).toISOString();
const samples: PoolSample[] = [0, 1, 2, 3].map(h => ({
  hour: hour(h),
  runRateHourly: 0.192 * (h + 1),
  currency: 'USD',
  vcpu: 4 * (h + 1),
  memoryGiB: 8 * (h + 1),
  nodes: h + 1,
  vcpuLimit: 16,
}));
const body = (items: PoolSample[]): PoolSamplesResponse => ({
  items,
  retentionDays: 90,
  summary:
    'Hourly samples recorded by the reconciler: run-rate at list prices before discounts, and provisioned capacity (what Karpenter launched, not what pods use)',
});

/** How many points each drawn line goes through, in the order the series are drawn. */
function drawnLines(container: HTMLElement): number[] {
  return [...container.querySelectorAll('path.recharts-line-curve')].map(
    p => (p.getAttribute('d')?.match(/[ML]/g) ?? []).length,
  );
}

describe('SpendChart', () => {
  it('draws run-rate, provisioned vCPU and the vCPU limit from the pool’s samples, and says what they are', async () => {
    const { calls, rendered } = await renderWithBackend(
      <SpendChart id="pool-1" />,
      ({ path }) =>
        path === '/pools/pool-1/samples'
          ? jsonResponse(200, body(samples))
          : undefined,
    );
    expect(
      await screen.findByRole('figure', {
        name: 'Run-rate and provisioned vCPU, last 30 days',
      }),
    ).toBeInTheDocument();
    expect(calls[0].query.get('days')).toBe('30');
    expect(
      screen.getByText(/list prices before discounts/),
    ).toBeInTheDocument();
    expect(screen.getByText(/4 hourly sample\(s\)/)).toBeInTheDocument();
    expect(
      screen.getByText('Run-rate (USD/h, list prices)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Provisioned vCPU')).toBeInTheDocument();
    expect(screen.getByText('vCPU limit')).toBeInTheDocument();
    // Three series, each through every sample (the step line draws two segments a point).
    await waitFor(() => expect(drawnLines(rendered.container)).toHaveLength(3));
    const [rate, vcpu] = drawnLines(rendered.container);
    expect(rate).toBe(4);
    expect(vcpu).toBe(4);
  });

  it('draws no money line when the cluster has no prices, and says when there is nothing yet', async () => {
    const { rendered } = await renderWithBackend(
      <>
        <SpendChart id="pool-1" />
        <SpendChart id="pool-2" />
      </>,
      ({ path }) => {
        if (path === '/pools/pool-1/samples')
          return jsonResponse(
            200,
            body(samples.map(({ runRateHourly: _r, currency: _c, ...s }) => s)),
          );
        if (path === '/pools/pool-2/samples')
          return jsonResponse(200, body([]));
        return undefined;
      },
    );
    expect(await screen.findByText(/No samples yet/)).toBeInTheDocument();
    await screen.findByRole('figure');
    expect(screen.queryByText(/Run-rate \(/)).not.toBeInTheDocument();
    await waitFor(() => expect(drawnLines(rendered.container)).toHaveLength(2));
  });
});

describe('the run-rate on the pool', () => {
  it('shows the pool’s run-rate now, per hour and per month, labelled honestly', async () => {
    const runRate: RunRate = {
      currency: 'USD',
      hourly: 0.2618,
      monthly: 191.11,
      priced: 2,
      unpriced: 1,
      summary: '',
      source: { kind: 'table', stale: false },
    };
    await renderWithBackend(<PoolStatusView id="pool-1" />, ({ path }) => {
      if (path === '/pools/pool-1')
        return jsonResponse(200, { ...readyPool, runRate });
      if (path.endsWith('/history')) return jsonResponse(200, { items: [] });
      if (path === '/clusters') return jsonResponse(200, clustersBody);
      return undefined;
    });
    expect(
      await screen.findByText(
        'Run-rate now: USD 0.262/h · USD 191.11/month for 2 node(s); 1 node(s) without a price (not counted) (list prices before discounts; provisioned nodes, not usage)',
      ),
    ).toBeInTheDocument();
  });
});
