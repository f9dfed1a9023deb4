import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ceilingFromPrices } from '@nodepools/plugin-nodepools-common';
import { screen } from '@testing-library/react';
import { CostCeilingEntry } from './CostSummary';

const requirements = [
  { key: 'kubernetes.io/arch', operator: 'In' as const, values: ['amd64'] },
  {
    key: 'karpenter.sh/capacity-type',
    operator: 'In' as const,
    values: ['on-demand'],
  },
];
const book = (stale: boolean) => ({
  currency: 'USD',
  source: {
    kind: 'aws' as const,
    region: 'eu-west-1',
    asOf: '2026-12-06T06:00:00.000Z',
    stale,
    ...(stale
      ? {
          staleReason:
            'the refresh at 2026-12-06T18:00:00.000Z failed (ThrottlingException: Rate exceeded)',
        }
      : {}),
  },
  instanceTypes: [
    {
      name: 'c5.xlarge',
      vcpu: 4,
      memoryGiB: 8,
      architecture: 'amd64' as const,
      onDemandHourly: 0.192,
    },
  ],
});

describe('CostCeilingEntry', () => {
  it('says how the ceiling was computed, from which prices and as of when', async () => {
    const cost = ceilingFromPrices(
      { cpu: '16', memory: '32Gi' },
      requirements,
      book(false),
      730,
    );
    await renderInTestApp(
      <dl>
        <CostCeilingEntry cost={cost} />
      </dl>,
    );
    expect(
      screen.getByText(/USD 561 – USD 561 per month if the pool is full/),
    ).toBeVisible();
    expect(
      screen.getByText(
        /^List prices before discounts, from the AWS Pricing API and EC2 spot price history for eu-west-1, as of 2026-12-06 06:00:00 UTC\. Provisioned capacity at the limits, not usage/,
      ),
    ).toBeVisible();
  });

  it('says when the prices are stale, and why', async () => {
    const cost = ceilingFromPrices(
      { cpu: '16', memory: '32Gi' },
      requirements,
      book(true),
      730,
    );
    await renderInTestApp(
      <dl>
        <CostCeilingEntry cost={cost} />
      </dl>,
    );
    expect(
      screen.getByText(
        /STALE: the refresh at 2026-12-06T18:00:00.000Z failed \(ThrottlingException: Rate exceeded\)/,
      ),
    ).toBeVisible();
  });
});
