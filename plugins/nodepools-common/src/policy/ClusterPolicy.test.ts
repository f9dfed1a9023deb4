import { clusterPolicySchema } from './ClusterPolicy';
import { defaultPolicy } from '../__testUtils__/arbitraries';

describe('clusterPolicySchema', () => {
  it('refuses a minimum above the maximum in the policy itself', () => {
    const result = clusterPolicySchema.safeParse({
      minPoolLimits: { cpu: '128', memory: '1Gi' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['minPoolLimits', 'cpu']);
  });

  it('fills every default from an empty block', () => {
    expect(defaultPolicy.maxPoolLimits).toEqual({
      cpu: '64',
      memory: '256Gi',
      gpu: '0',
    });
    expect(defaultPolicy.taintKey).toBe('nodepools.backstage.io/team');
    expect(defaultPolicy.prices.spot.cpuCoreHour).toBeGreaterThan(0);
  });

  it('rejects bad values by key', () => {
    const result = clusterPolicySchema.safeParse({
      maxPoolLimits: { cpu: 'lots', memory: '1Gi' },
      quorum: 0,
      taintKey: 'has space',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map(i => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['maxPoolLimits.cpu', 'quorum', 'taintKey']),
    );
    const restricted = clusterPolicySchema.safeParse({
      teamLabelKey: 'node.kubernetes.io/team',
      taintKey: 'karpenter.sh/team',
    });
    expect(
      restricted.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    ).toEqual([
      'teamLabelKey: must not be in the restricted label domain "kubernetes.io"',
      'taintKey: must not be in the restricted label domain "karpenter.sh"',
    ]);
  });
});
