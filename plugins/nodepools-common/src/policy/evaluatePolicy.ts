import { lifetimeViolations } from '../lifetime/lifetimePolicy';
import { teamSlug, type PoolRequest } from '../model/PoolRequest';
import type { ClusterPolicy } from './ClusterPolicy';
import { expiryViolations } from './disruptionChecks';
import { budgetViolations, limitViolations } from './limitChecks';
import {
  existenceViolations,
  namespaceClaims,
  systemNamespaceViolations,
} from './nameChecks';
import type { ClusterFacts, PolicyResult } from './policyViolation';
import {
  instanceViolations,
  nodeClassViolations,
  offeredValueViolations,
} from './requirementChecks';
import type { ExistingPool } from './teamBudget';

export type {
  ClusterFacts,
  PolicyResult,
  PolicyViolation,
} from './policyViolation';

/**
 * Checks a request against the cluster's policy and the team's other pools, returning every
 * violation with the field, what was asked and what is allowed. Pure: the caller passes the pools.
 */
export function evaluatePolicy(
  request: PoolRequest,
  policy: ClusterPolicy,
  currentPools: ExistingPool[],
  facts: ClusterFacts = {},
): PolicyResult {
  // teamSlug throws only for refs the schema rejects; keep the contract "never throws" for callers.
  teamSlug(request.owner);
  const violations = [...existenceViolations(request, currentPools)];
  if (request.kind !== 'decommission') {
    // In the order a requester reads the form: what the nodes are, how many, how long, where.
    violations.push(
      ...offeredValueViolations(request.spec, policy),
      ...limitViolations(request.spec.limits, policy),
      ...instanceViolations(request.spec, policy),
      ...nodeClassViolations(request.spec, policy, facts),
      ...expiryViolations(request.spec, policy),
      ...systemNamespaceViolations(request.spec, policy),
      ...budgetViolations(request, policy, currentPools),
      ...namespaceClaims(request, currentPools),
      ...lifetimeViolations(request, policy),
    );
  }
  return { allowed: violations.length === 0, violations };
}
