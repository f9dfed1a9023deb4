import { durationSeconds } from '../model/duration';
import { teamSlug, type PoolRequest } from '../model/PoolRequest';
import type { PoolLimits, PoolSpec } from '../model/PoolSpec';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantity,
  type Quantity,
} from '../quantity/Quantity';
import type { ClusterPolicy } from './ClusterPolicy';
import {
  selectsOnInstanceLabels,
  unhonouredRequirementViolations,
} from './nodeClassCapabilities';
import { teamUsage, type ExistingPool } from './teamBudget';
import { lifetimeViolations } from '../lifetime/lifetimePolicy';

/** One way a request breaks the cluster's policy. */
export interface PolicyViolation {
  /** The request field at fault, e.g. `spec.limits.cpu`. */
  path: string;
  message: string;
  /** What was asked, as the user wrote it. */
  asked?: string;
  /** What the policy allows. */
  allowed?: string;
}

/** The policy's verdict on a request. */
export interface PolicyResult {
  allowed: boolean;
  violations: PolicyViolation[];
}

/** Facts about the cluster the policy needs beyond its config. */
export interface ClusterFacts {
  /** Node classes that exist in the cluster and are Ready; when unknown, only the policy's list is checked. */
  readyNodeClasses?: string[];
}

const list = (values: readonly string[]) => values.join(', ');

/** What the user calls each limit, in sentences. */
const LIMIT_LABELS = { cpu: 'CPU', memory: 'Memory', gpu: 'GPU' } as const;
/** The unit word after an amount: "32 CPU", "16Gi memory", "2 GPU". */
const LIMIT_UNITS = { cpu: 'CPU', memory: 'memory', gpu: 'GPU' } as const;

function subsetViolations(
  path: string,
  asked: readonly string[] | undefined,
  allowed: readonly string[],
  what: { one: string; many: string },
) {
  if (!asked) return [];
  const extra = asked.filter(v => !allowed.includes(v));
  return extra.length === 0
    ? []
    : [
        {
          path,
          message: `${extra.length === 1 ? what.one : what.many} ${list(
            extra,
          )} ${
            extra.length === 1 ? 'is' : 'are'
          } not allowed on this cluster, which allows ${list(allowed)}`,
          asked: list(asked),
          allowed: list(allowed),
        },
      ];
}

const LIMIT_NAMES: Array<keyof PoolLimits> = ['cpu', 'memory', 'gpu'];
const style = (name: keyof PoolLimits) =>
  name === 'memory' ? 'binary' : 'decimal';

function limitViolations(
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

function budgetViolations(
  request: PoolRequest & { spec: PoolSpec },
  policy: ClusterPolicy,
  pools: ExistingPool[],
) {
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

function specViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
  facts: ClusterFacts,
): PolicyViolation[] {
  const r = spec.requirements;
  const out: PolicyViolation[] = [
    ...subsetViolations(
      'spec.requirements.architectures',
      r.architectures,
      policy.architectures,
      { one: 'Architecture', many: 'Architectures' },
    ),
    ...subsetViolations(
      'spec.requirements.capacityTypes',
      r.capacityTypes,
      policy.capacityTypes,
      { one: 'Capacity type', many: 'Capacity types' },
    ),
    ...limitViolations(spec.limits, policy),
  ];
  if (!selectsOnInstanceLabels(policy)) {
    // The node class cannot select on instance labels (kwok): say so for each one asked, rather
    // than render a NodePool without it.
    out.push(...unhonouredRequirementViolations(spec, policy));
  } else if (r.instanceCategories && policy.instanceCategories.length === 0) {
    // `[]` says the platform offers no categories on this cluster: a request naming some asks
    // for something it does not allow.
    out.push({
      path: 'spec.requirements.instanceCategories',
      message:
        'Instance categories are not offered on this cluster: leave them out',
      asked: list(r.instanceCategories),
      allowed: 'none',
    });
  } else {
    out.push(
      ...subsetViolations(
        'spec.requirements.instanceCategories',
        r.instanceCategories,
        policy.instanceCategories,
        { one: 'Instance category', many: 'Instance categories' },
      ),
    );
  }
  if (
    policy.minInstanceGeneration !== undefined &&
    r.minInstanceGeneration !== undefined &&
    r.minInstanceGeneration < policy.minInstanceGeneration
  ) {
    out.push({
      path: 'spec.requirements.minInstanceGeneration',
      message: `Instance generation ${r.minInstanceGeneration} is older than this cluster allows: choose ${policy.minInstanceGeneration} or newer`,
      asked: String(r.minInstanceGeneration),
      allowed: `${policy.minInstanceGeneration} or newer`,
    });
  }
  if (!policy.nodeClasses.includes(spec.nodeClass)) {
    out.push({
      path: 'spec.nodeClass',
      message: `Node class ${
        spec.nodeClass
      } is not offered on this cluster, which offers ${list(
        policy.nodeClasses,
      )}`,
      asked: spec.nodeClass,
      allowed: list(policy.nodeClasses),
    });
  } else if (
    facts.readyNodeClasses &&
    !facts.readyNodeClasses.includes(spec.nodeClass)
  ) {
    out.push({
      path: 'spec.nodeClass',
      message: `Node class ${spec.nodeClass} does not exist in the cluster or is not Ready`,
      asked: spec.nodeClass,
      allowed: list(facts.readyNodeClasses),
    });
  }
  const expireAfter = spec.expireAfter ?? policy.defaults.expireAfter;
  if (!policy.allowNeverExpire && durationSeconds(expireAfter) === Infinity) {
    out.push({
      path: 'spec.expireAfter',
      message:
        'Nodes must expire on this cluster so that AMI and security updates roll out: choose a duration such as 720h',
      asked: expireAfter,
      allowed: 'a duration such as 720h',
    });
  }
  const system = spec.namespaces.filter(ns =>
    policy.systemNamespaces.includes(ns),
  );
  if (system.length > 0) {
    out.push({
      path: 'spec.namespaces',
      message: `${system.length === 1 ? 'Namespace' : 'Namespaces'} ${list(
        system,
      )} ${
        system.length === 1 ? 'is a system namespace' : 'are system namespaces'
      } and cannot be given to a team`,
      asked: list(spec.namespaces),
    });
  }
  return out;
}

function namespaceClaims(
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

function existenceViolations(
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
    violations.push(
      ...specViolations(request.spec, policy, facts),
      ...budgetViolations(request, policy, currentPools),
      ...namespaceClaims(request, currentPools),
      ...lifetimeViolations(request, policy),
    );
  }
  return { allowed: violations.length === 0, violations };
}
