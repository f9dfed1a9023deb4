import type { PoolRequest } from '../model/PoolRequest';
import type { ClusterPolicy } from '../policy/ClusterPolicy';
import type { PolicyViolation } from '../policy/evaluatePolicy';
import { lifetimeMs } from './lifetime';

/**
 * The lifetime a request grants once approved: its own, or for a new pool the cluster's default.
 * A change without one leaves the pool's expiry as it is (an Extend is a change that carries one).
 */
export function grantedLifetime(
  request: PoolRequest,
  policy: ClusterPolicy,
): string | undefined {
  if (request.kind === 'decommission') return undefined;
  return (
    request.lifetime ??
    (request.kind === 'create' ? policy.lifetime.default : undefined)
  );
}

/** What the cluster's lifetime rules refuse: a new pool without one when required, or one too long. */
export function lifetimeViolations(
  request: PoolRequest,
  policy: ClusterPolicy,
): PolicyViolation[] {
  if (request.kind === 'decommission') return [];
  const { max, required } = policy.lifetime;
  const lifetime = grantedLifetime(request, policy);
  if (!lifetime) {
    return required && request.kind === 'create'
      ? [
          {
            path: 'lifetime',
            message: `This cluster grants pools for a limited time: say how long the team needs it${
              max ? ` (at most ${max})` : ''
            }`,
            allowed: max,
          },
        ]
      : [];
  }
  if (max && lifetimeMs(lifetime) > lifetimeMs(max)) {
    return [
      {
        path: 'lifetime',
        message: `A grant on this cluster lasts at most ${max}; ask for less, and extend it later if needed`,
        asked: lifetime,
        allowed: max,
      },
    ];
  }
  return [];
}
