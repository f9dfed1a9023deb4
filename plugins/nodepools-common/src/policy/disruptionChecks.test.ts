import { clusterPolicySchema } from './ClusterPolicy';
import { evaluatePolicy } from './evaluatePolicy';
import { defaultPolicy } from '../__testUtils__/arbitraries';
import { request, pathsOf } from './__testUtils__/policyRequests';

describe('evaluatePolicy: node expiry', () => {
  it('refuses nodes that never expire unless the platform allows it', () => {
    expect(
      pathsOf(
        evaluatePolicy(request({ expireAfter: 'Never' }), defaultPolicy, []),
      ),
    ).toEqual(['spec.expireAfter']);
    expect(
      pathsOf(
        evaluatePolicy(
          request({ expireAfter: 'Never' }),
          clusterPolicySchema.parse({ allowNeverExpire: true }),
          [],
        ),
      ),
    ).toEqual([]);
  });
});
