import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { readyPool, unappliedPool } from '../../__fixtures__/records';
import { describePoolCost } from './poolCost';

// The price table's defaults, as the backend fills them in for a cluster without its own.
const { prices } = clusterPolicySchema.parse({});

describe('describePoolCost', () => {
  it('gives the provisioned cost now and the ceiling of the limits for a spot-only pool', () => {
    // 12 cores, 48 GiB provisioned; limits 16 cores, 64 GiB; spot 0.0155/core-h, 0.0021/GiB-h, 730 h.
    expect(describePoolCost(readyPool, prices)).toBe(
      'Monthly cost: USD 209 now; at most USD 279 at its limits',
    );
  });

  it('spans spot to on-demand when the pool may use both, and says nothing runs yet', () => {
    const pool = {
      ...unappliedPool,
      spec: {
        ...unappliedPool.spec,
        requirements: {
          architectures: ['amd64' as const],
          capacityTypes: ['spot' as const, 'on-demand' as const],
        },
      },
    };
    expect(describePoolCost(pool, prices)).toBe(
      'Monthly cost: nothing yet; at most USD 279 – USD 763 at its limits',
    );
  });
});
