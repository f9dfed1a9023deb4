import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import type { PoolSamplesResponse } from '@nodepools/plugin-nodepools-common';
import {
  clustersBody,
  errorBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { NodePoolsClient } from '../../api/NodePoolsClient';
import { readyPool } from '../../__fixtures__/records';
import { NodePoolsPage } from '../NodePoolsPage';

const samples: PoolSamplesResponse = {
  items: [
    {
      hour: '2026-12-05T00:00:00.000Z',
      runRateHourly: 0.192,
      currency: 'USD',
      vcpu: 4,
      memoryGiB: 8,
      nodes: 1,
      vcpuLimit: 16,
    },
    {
      hour: '2026-12-05T01:00:00.000Z',
      runRateHourly: 0.384,
      currency: 'USD',
      vcpu: 8,
      memoryGiB: 16,
      nodes: 2,
      vcpuLimit: 16,
    },
  ],
  retentionDays: 90,
  summary: 'Hourly samples recorded by the reconciler',
};

describe('the pool page', () => {
  it('shows the pool’s run-rate now and the chart of its last 30 days', async () => {
    const client = new NodePoolsClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: {
        fetch: async (input: RequestInfo | URL) => {
          const path = new URL(String(input)).pathname.replace(
            /^\/api\/nodepools/,
            '',
          );
          if (path === '/pools/pool-1')
            return jsonResponse(200, {
              ...readyPool,
              runRate: {
                currency: 'USD',
                hourly: 0.384,
                monthly: 280.32,
                priced: 2,
                unpriced: 0,
                summary: '',
                source: { kind: 'table', stale: false },
              },
            });
          if (path === '/pools/pool-1/samples')
            return jsonResponse(200, samples);
          if (path === '/pools/pool-1/history')
            return jsonResponse(200, { items: [] });
          if (path === '/clusters') return jsonResponse(200, clustersBody);
          return jsonResponse(
            404,
            errorBody(404, 'NotFoundError', `no ${path}`),
          );
        },
      },
    });
    await renderInTestApp(<NodePoolsPage />, {
      apis: [[nodePoolsApiRef, client]],
      initialRouteEntries: ['/pools/pool-1'],
    });
    expect(
      await screen.findByText(
        /^Run-rate now: USD 0\.384\/h · USD 280\.32\/month/,
      ),
    ).toBeInTheDocument();
    expect(await screen.findByText('Spend over time')).toBeInTheDocument();
    expect(
      await screen.findByRole('figure', {
        name: 'Run-rate and provisioned vCPU, last 30 days',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(/2 hourly sample\(s\)/)).toBeInTheDocument();
  });
});
