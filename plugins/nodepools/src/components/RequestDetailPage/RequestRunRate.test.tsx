import type { RunRate } from '@nodepools/plugin-nodepools-common';
import { screen } from '@testing-library/react';
import { jsonResponse } from '../../__fixtures__/contract';
import { pendingRequest, readyPool } from '../../__fixtures__/records';
import { renderWithBackend } from '../../__testUtils__/renderWithBackend';
import { RequestRunRate } from './RequestRunRate';

const runRate: RunRate = {
  currency: 'USD',
  hourly: 0.2618,
  monthly: 191.11,
  priced: 2,
  unpriced: 0,
  summary: '',
  source: { kind: 'table', stale: false },
};

const route = ({ path }: { path: string }) =>
  path === '/pools/pool-1'
    ? jsonResponse(200, { ...readyPool, runRate })
    : undefined;

describe('the run-rate in the approval view', () => {
  it('shows a change’s pool run-rate now → bounded by the ceiling after', async () => {
    await renderWithBackend(<RequestRunRate request={pendingRequest} />, route);
    expect(
      await screen.findByText(
        'Run-rate: USD 0.262/h · USD 191.11/month now → what Karpenter launches under the new spec, at most the ceiling below (list prices before discounts; provisioned nodes, not usage)',
      ),
    ).toBeInTheDocument();
  });

  it('shows a decommission ending it', async () => {
    await renderWithBackend(
      <RequestRunRate
        request={{ ...pendingRequest, kind: 'decommission', spec: undefined }}
      />,
      route,
    );
    expect(
      await screen.findByText(/now → USD 0\.000\/h once its nodes are drained/),
    ).toBeInTheDocument();
  });
});
