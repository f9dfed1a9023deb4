import { runRate } from './runRate';
import {
  architectureOfName,
  instanceTypeLabels,
  type PriceBook,
} from './priceBook';
import { matchesRequirements } from './matchRequirements';

const book: PriceBook = {
  currency: 'USD',
  source: {
    kind: 'aws',
    region: 'eu-west-1',
    asOf: '2026-12-06T00:00:00Z',
    stale: false,
  },
  instanceTypes: [
    {
      name: 'c5.xlarge',
      vcpu: 4,
      memoryGiB: 8,
      architecture: 'amd64',
      onDemandHourly: 0.2,
      spotHourly: { 'eu-west-1a': 0.07, 'eu-west-1b': 0.09 },
    },
  ],
};

describe('run-rate', () => {
  it('sums each node at its capacity type and zone, and counts what it cannot price', () => {
    const rate = runRate(
      [
        {
          instanceType: 'c5.xlarge',
          capacityType: 'on-demand',
          zone: 'eu-west-1a',
        },
        { instanceType: 'c5.xlarge', capacityType: 'spot', zone: 'eu-west-1a' },
        // A zone the history has no price for counts at the dearest zone known.
        { instanceType: 'c5.xlarge', capacityType: 'spot', zone: 'eu-west-1c' },
        { instanceType: 'x9.huge', capacityType: 'on-demand' },
        {},
      ],
      book,
      730,
    );
    expect(rate.hourly).toBeCloseTo(0.2 + 0.07 + 0.09, 6);
    expect(rate.monthly).toBeCloseTo((0.2 + 0.07 + 0.09) * 730, 2);
    expect(rate).toMatchObject({ priced: 3, unpriced: 2, currency: 'USD' });
    expect(rate.summary).toMatch(
      /^List prices before discounts.*not usage.*eu-west-1, as of 2026-12-06 00:00:00 UTC\.$/,
    );
  });
});

describe('instance type labels', () => {
  it('reads category, generation, family and size from AWS names, nothing from others', () => {
    expect(
      instanceTypeLabels({
        name: 'c6gn.2xlarge',
        vcpu: 8,
        memoryGiB: 16,
        architecture: 'arm64',
      }),
    ).toMatchObject({
      'karpenter.k8s.aws/instance-category': 'c',
      'karpenter.k8s.aws/instance-generation': '6',
      'karpenter.k8s.aws/instance-family': 'c6gn',
      'karpenter.k8s.aws/instance-size': '2xlarge',
    });
    expect(
      Object.keys(
        instanceTypeLabels({
          name: 'c-4x-amd64-linux',
          vcpu: 4,
          memoryGiB: 8,
          architecture: 'amd64',
        }),
      ),
    ).not.toContain('karpenter.k8s.aws/instance-category');
    expect(architectureOfName('m7g.large')).toBe('arm64');
    expect(architectureOfName('x2gd.large')).toBe('arm64');
    expect(architectureOfName('m5dn.large')).toBe('amd64');
    expect(architectureOfName('s-2x-arm64-linux')).toBe('arm64');
    expect(architectureOfName('s-2x-amd64-linux')).toBe('amd64');
  });

  it('matches requirements with Kubernetes semantics for missing labels', () => {
    const labels = { 'karpenter.k8s.aws/instance-generation': '6' };
    expect(
      matchesRequirements(labels, [
        {
          key: 'karpenter.k8s.aws/instance-generation',
          operator: 'Gt',
          values: ['5'],
        },
      ]),
    ).toBe(true);
    expect(
      matchesRequirements(labels, [
        {
          key: 'karpenter.k8s.aws/instance-generation',
          operator: 'Gt',
          values: ['6'],
        },
      ]),
    ).toBe(false);
    expect(
      matchesRequirements(labels, [
        { key: 'absent', operator: 'NotIn', values: ['x'] },
      ]),
    ).toBe(true);
    expect(
      matchesRequirements(labels, [
        { key: 'absent', operator: 'In', values: ['x'] },
      ]),
    ).toBe(false);
    expect(
      matchesRequirements(labels, [
        { key: 'absent', operator: 'DoesNotExist' },
      ]),
    ).toBe(true);
  });
});
