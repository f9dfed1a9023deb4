import { clusterPolicySchema } from '../policy/ClusterPolicy';
import { monthlyCeiling, provisionedMonthlyCost } from './estimateCost';

const prices = clusterPolicySchema.parse({
  prices: {
    hoursPerMonth: 730,
    'on-demand': { cpuCoreHour: 0.04, memoryGiBHour: 0.005 },
    spot: { cpuCoreHour: 0.01, memoryGiBHour: 0.002 },
  },
}).prices;

describe('cost estimates', () => {
  it('prices the limits per capacity type over a month', () => {
    const estimate = monthlyCeiling(
      { cpu: '10', memory: '20Gi' },
      ['spot', 'on-demand'],
      prices,
    );
    expect(estimate.byCapacityType['on-demand']).toBeCloseTo(
      (10 * 0.04 + 20 * 0.005) * 730,
      2,
    );
    expect(estimate.byCapacityType.spot).toBeCloseTo(
      (10 * 0.01 + 20 * 0.002) * 730,
      2,
    );
    expect(estimate.low).toBe(estimate.byCapacityType.spot);
    expect(estimate.high).toBe(estimate.byCapacityType['on-demand']);
    expect(estimate.currency).toBe('USD');
  });

  it('prices what is provisioned now from status.resources', () => {
    const estimate = provisionedMonthlyCost(
      { cpu: '2', memory: '4Gi', pods: '110' },
      ['on-demand'],
      prices,
    );
    expect(estimate.low).toBeCloseTo((2 * 0.04 + 4 * 0.005) * 730, 2);
  });

  it('treats millicores and mebibytes exactly', () => {
    const a = monthlyCeiling(
      { cpu: '1500m', memory: '1536Mi' },
      ['spot'],
      prices,
    );
    const b = monthlyCeiling({ cpu: '1.5', memory: '1.5Gi' }, ['spot'], prices);
    expect(a).toEqual(b);
  });
});
