import type { PoolRequest } from '../model/PoolRequest';
import type { PoolLimits, PoolSpec } from '../model/PoolSpec';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantity,
  type Quantity,
} from '../quantity/Quantity';
import type { ClusterPolicy } from './ClusterPolicy';
import type { PolicyViolation } from './policyViolation';
import { teamUsage, type ExistingPool } from './teamBudget';

/** What the user calls each limit, in sentences. */
const LIMIT_LABELS = { cpu: 'CPU', memory: 'Memory', gpu: 'GPU' } as const;
/** The unit word after an amount: "32 CPU", "16Gi memory", "2 GPU". */
const LIMIT_UNITS = { cpu: 'CPU', memory: 'memory', gpu: 'GPU' } as const;

const LIMIT_NAMES: Array<keyof PoolLimits> = ['cpu', 'memory', 'gpu'];
const style = (name: keyof PoolLimits) =>
  name === 'memory' ? 'binary' : 'decimal';

/** The pool's own limits against the cluster's per-pool minimum and maximum. */
export function limitViolations(
  limits: PoolLimits,
  policy: ClusterPolicy,
): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  for (const name of LIMIT_NAMES) {
    const asked = limits[name];
    if (asked === undefined) continue;
    const parsed = parseQuantity(asked);
    if (!parsed.ok) continue; // the schema already reported it
    const max = quantity(policy.maxPoolLimits[name]);
    const min = name === 'gpu' ? undefined : policy.minPoolLimits[name];
    if (
      min !== undefined &&
      compareQuantities(parsed.quantity, quantity(min)) < 0
    ) {
      out.push({
        path: `spec.limits.${name}`,
        message: `${LIMIT_LABELS[name]} limit ${asked} is below this cluster's per-pool minimum of ${min}: no node would ever fit`,
        asked,
        allowed: `at least ${min}`,
      });
    } else if (
      name === 'gpu' &&
      parsed.quantity.nanos % 1_000_000_000n !== 0n
    ) {
      out.push({
        path: 'spec.limits.gpu',
        message: `GPU limit ${asked} must be a whole number of GPUs`,
        asked,
        allowed: 'a whole number such as 1 or 4',
      });
    }
    if (compareQuantities(parsed.quantity, max) > 0) {
      out.push({
        path: `spec.limits.${name}`,
        message:
          max.nanos === 0n
            ? `${LIMIT_LABELS[name]} is not offered on this cluster`
            : `${LIMIT_LABELS[name]} limit ${asked} is above this cluster's per-pool maximum of ${policy.maxPoolLimits[name]}`,
        asked,
        allowed: `at most ${policy.maxPoolLimits[name]}`,
      });
    }
  }
  return out;
}

/** The pool's limits added to the team's other pools on the cluster, against the team's budget. */
export function budgetViolations(
  request: PoolRequest & { spec: PoolSpec },
  policy: ClusterPolicy,
  pools: ExistingPool[],
): PolicyViolation[] {
  const out: PolicyViolation[] = [];
  const used = teamUsage(request.owner, request.cluster, pools, {
    exceptPool: request.pool,
  });
  for (const name of LIMIT_NAMES) {
    const asked = request.spec.limits[name];
    if (asked === undefined) continue;
    const parsed = parseQuantity(asked);
    if (!parsed.ok) continue;
    const budget = quantity(policy.teamBudget[name]);
    const after: Quantity = { nanos: used[name].nanos + parsed.quantity.nanos };
    if (compareQuantities(after, budget) > 0) {
      const remaining: Quantity = { nanos: budget.nanos - used[name].nanos };
      const amount = (q: Quantity) =>
        `${formatQuantity(q, style(name))} ${LIMIT_UNITS[name]}`;
      out.push({
        path: `spec.limits.${name}`,
        message: `${
          LIMIT_LABELS[name]
        } limit ${asked} puts the team over its budget on this cluster by ${amount(
          { nanos: after.nanos - budget.nanos },
        )}: its budget is ${amount(budget)} and its other pools hold ${amount(
          used[name],
        )}`,
        asked,
        allowed: `at most ${formatQuantity(
          remaining.nanos > 0n ? remaining : { nanos: 0n },
          style(name),
        )} more`,
      });
    }
  }
  return out;
}
