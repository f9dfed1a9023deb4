import type { PoolRequest } from '../model/PoolRequest';
import type { PoolSpec } from '../model/PoolSpec';
import type { ClusterPolicy } from './ClusterPolicy';
import { list, type PolicyViolation } from './policyViolation';
import type { ExistingPool } from './teamBudget';

/** The pool's name: new for a create, existing (and not being decommissioned) otherwise. */
export function existenceViolations(
  request: PoolRequest,
  pools: ExistingPool[],
): PolicyViolation[] {
  const current = pools.find(
    p =>
      p.owner === request.owner &&
      p.cluster === request.cluster &&
      p.name === request.pool &&
      p.phase !== 'removed',
  );
  if (request.kind === 'create' && current) {
    return [
      {
        path: 'pool',
        message: `The team already has a pool named ${request.pool} on ${request.cluster}; request a change instead`,
        asked: request.pool,
      },
    ];
  }
  if (request.kind !== 'create' && !current) {
    return [
      {
        path: 'pool',
        message: `The team has no pool named ${request.pool} on ${request.cluster}`,
        asked: request.pool,
      },
    ];
  }
  if (request.kind !== 'create' && current?.phase === 'decommissioning') {
    return [
      {
        path: 'pool',
        message: `Pool ${request.pool} is being decommissioned`,
        asked: request.pool,
      },
    ];
  }
  return [];
}

/** System namespaces are given to no team. */
export function systemNamespaceViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
): PolicyViolation[] {
  const system = spec.namespaces.filter(ns =>
    policy.systemNamespaces.includes(ns),
  );
  if (system.length === 0) return [];
  return [
    {
      path: 'spec.namespaces',
      message: `${system.length === 1 ? 'Namespace' : 'Namespaces'} ${list(
        system,
      )} ${
        system.length === 1 ? 'is a system namespace' : 'are system namespaces'
      } and cannot be given to a team`,
      asked: list(spec.namespaces),
    },
  ];
}

/** A namespace uses the pools of one team only: none another team's live pool already holds. */
export function namespaceClaims(
  request: PoolRequest & { spec: PoolSpec },
  pools: ExistingPool[],
): PolicyViolation[] {
  const claimed = new Map<string, string>();
  for (const pool of pools) {
    if (
      pool.cluster !== request.cluster ||
      pool.owner === request.owner ||
      pool.phase === 'removed'
    )
      continue;
    for (const ns of pool.spec.namespaces) claimed.set(ns, pool.owner);
  }
  return request.spec.namespaces.flatMap((ns, i) => {
    const other = claimed.get(ns);
    return other
      ? [
          {
            path: `spec.namespaces[${i}]`,
            message: `Namespace ${ns} already belongs to ${other}; a namespace can use the pools of one team only`,
            asked: ns,
          },
        ]
      : [];
  });
}
