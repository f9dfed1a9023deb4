import { durationSeconds } from '../model/duration';
import type { PoolSpec } from '../model/PoolSpec';
import type { ClusterPolicy } from './ClusterPolicy';
import type { PolicyViolation } from './policyViolation';

/** Node expiry: nodes must expire unless the platform allows them not to. */
export function expiryViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
): PolicyViolation[] {
  const expireAfter = spec.expireAfter ?? policy.defaults.expireAfter;
  if (policy.allowNeverExpire || durationSeconds(expireAfter) !== Infinity)
    return [];
  return [
    {
      path: 'spec.expireAfter',
      message:
        'Nodes must expire on this cluster so that AMI and security updates roll out: choose a duration such as 720h',
      asked: expireAfter,
      allowed: 'a duration such as 720h',
    },
  ];
}
