import { stringify } from 'yaml';
import { type CostEstimate } from '../cost/estimateCost';
import {
  dollarBudgetViolations,
  type DollarBudgetInput,
} from '../cost/dollarBudget';
import { poolCeiling } from '../cost/poolCeiling';
import type { PriceBook } from '../cost/priceBook';
import {
  describeImpact,
  diffNodePools,
  nodePoolPaths,
  type NodePoolDiff,
} from '../diff/diffNodePools';
import { validateWith, type FieldError } from '../model/fieldErrors';
import {
  poolRequestSchema,
  teamSlug,
  type PoolRequest,
} from '../model/PoolRequest';
import type { ClusterPolicy } from '../policy/ClusterPolicy';
import {
  evaluatePolicy,
  type ClusterFacts,
  type PolicyResult,
} from '../policy/evaluatePolicy';
import {
  budgetOutlook,
  reservedByPending,
  type BudgetOutlook,
  type PendingLimits,
} from '../policy/budgetOutlook';
import {
  teamBudgetRemaining,
  teamUsage,
  type ExistingPool,
} from '../policy/teamBudget';
import { formatQuantity } from '../quantity/Quantity';
import type { Manifest, NodePoolManifest } from '../render/manifestTypes';
import { renderNodePool } from '../render/renderNodePool';
import { renderNamespaceLabel, workloadSnippet } from '../render/renderTenancy';
import {
  diffBaseOf,
  takenNameViolation,
  type DiffBase,
  type ObservedNodePool,
  type ObservedNodePoolNames,
} from './observations';

/** Everything a requester and an approver see before a request is filed or approved. */
export interface RequestPreview {
  request: PoolRequest;
  policy: PolicyResult;
  /** The objects that would be applied (NodePool and namespace labels); empty for a decommission. */
  manifests: Manifest[];
  /** The same objects as YAML, byte-stable. */
  manifestsYaml: string;
  diff: NodePoolDiff;
  /** What `diff` compares against (the live NodePool when observed) and how that differs from the approved spec. */
  diffBase: DiffBase;
  impactSummary: string;
  /** Monthly ceiling of the proposed limits; undefined for a decommission. */
  cost?: CostEstimate;
  /** The team's remaining budget on the cluster once this request is applied. */
  budgetAfter: { cpu: string; memory: string; gpu: string };
  /**
   * The budget as the request form shows it: pending requests counted as reserved, and how far
   * over rather than zero. Optional: previews kept before it existed do not have it.
   */
  budget?: BudgetOutlook;
  /** What the team puts in a Deployment to land on the pool. */
  workloadSnippet?: ReturnType<typeof workloadSnippet>;
}

/** Input for a preview: the raw request plus what the caller knows of the cluster. */
export interface PreviewInput {
  request: unknown;
  policy: ClusterPolicy;
  currentPools: ExistingPool[];
  /** The pool's approved spec, rendered as the reconciler applies it. */
  approved?: NodePoolManifest;
  /** The pool's NodePool as the reconciler last observed it; the diff is against it when given. */
  live?: ObservedNodePool;
  /** NodePool names on the cluster held by objects the portal does not manage. */
  takenNames?: ObservedNodePoolNames;
  /** The current time (ISO 8601), for the age of the observations. */
  now?: string;
  /** Nodes the pool has now, for the impact sentence. */
  nodeCount?: number;
  facts?: ClusterFacts;
  /** Requests nobody has decided yet on the cluster; the team's count as reserved in `budget`. */
  pending?: PendingLimits[];
  /** The cluster's instance-type prices; without them the cost comes from the policy's fixed rates. */
  prices?: PriceBook;
  /** The team's dollar budget and its other pools' ceilings on every cluster, when it has one. */
  dollarBudget?: DollarBudgetInput;
  /** Ids to stamp into the rendering (a dry run uses placeholders). */
  poolId?: string;
  requestId?: string;
  generation?: number;
}

/**
 * Validates a request and builds its full preview: field errors first (nothing else is computed
 * for malformed input), then policy, rendering, diff, drift impact, cost and budget.
 */
export function previewRequest(
  input: PreviewInput,
): { ok: true; preview: RequestPreview } | { ok: false; errors: FieldError[] } {
  const validated = validateWith(poolRequestSchema, input.request);
  if (!validated.ok) return validated;
  const request = validated.value;
  const { policy, currentPools } = input;
  const team = teamSlug(request.owner);
  const evaluated = evaluatePolicy(request, policy, currentPools, input.facts);

  let proposed: NodePoolManifest | undefined;
  const manifests: Manifest[] = [];
  if (request.kind !== 'decommission') {
    proposed = renderNodePool(
      {
        id: input.poolId ?? 'pending',
        owner: request.owner,
        name: request.pool,
        generation: input.generation ?? 1,
        requestId: input.requestId,
      },
      request.spec,
      policy,
    );
    manifests.push(proposed as unknown as Manifest);
    for (const ns of [...request.spec.namespaces].sort())
      manifests.push(renderNamespaceLabel(ns, team, policy));
  }
  const { running, base } = diffBaseOf(input.approved, input.live, input.now);
  // Against a live object, fields only it has that we never set stay as they are (see diffNodePools).
  const diff = diffNodePools(
    running,
    proposed,
    base.source === 'live' && proposed
      ? nodePoolPaths(input.approved)
      : undefined,
  );
  const taken =
    proposed &&
    takenNameViolation(
      proposed.metadata.name,
      request.pool,
      request.cluster,
      input.takenNames,
      input.now,
    );
  const cost =
    request.kind === 'decommission' || !proposed
      ? undefined
      : poolCeiling(proposed, request.spec, policy, input.prices);
  // The dollar budget needs the ceiling and the team's pools on other clusters, so it is checked
  // here rather than in evaluatePolicy, which knows one cluster and no prices.
  const overBudget =
    cost && input.dollarBudget
      ? dollarBudgetViolations(request, cost, input.dollarBudget)
      : [];
  const extra = [...(taken ? [taken] : []), ...overBudget];
  const policyResult: PolicyResult =
    extra.length > 0
      ? { allowed: false, violations: [...evaluated.violations, ...extra] }
      : evaluated;
  const others = currentPools.filter(
    p =>
      !(
        p.owner === request.owner &&
        p.cluster === request.cluster &&
        p.name === request.pool
      ),
  );
  const afterwards: ExistingPool[] = [
    ...others,
    ...(request.kind === 'decommission'
      ? []
      : [
          {
            id: 'proposed',
            owner: request.owner,
            cluster: request.cluster,
            name: request.pool,
            phase: 'provisioning' as const,
            spec: request.spec,
          },
        ]),
  ];
  const remaining = teamBudgetRemaining(
    request.owner,
    request.cluster,
    policy,
    afterwards,
  );
  const budget = budgetOutlook(
    policy,
    teamUsage(request.owner, request.cluster, afterwards),
    reservedByPending(
      request.owner,
      request.cluster,
      currentPools,
      input.pending ?? [],
      { exceptPool: request.pool },
    ),
  );

  return {
    ok: true,
    preview: {
      request,
      policy: policyResult,
      manifests,
      manifestsYaml: manifests
        .map(m => stringify(m, { lineWidth: 0 }))
        .join('---\n'),
      diff,
      diffBase: base,
      impactSummary: describeImpact(diff, input.nodeCount),
      cost,
      budgetAfter: {
        cpu: formatQuantity(remaining.cpu),
        memory: formatQuantity(remaining.memory, 'binary'),
        gpu: formatQuantity(remaining.gpu),
      },
      budget,
      workloadSnippet:
        request.kind === 'decommission'
          ? undefined
          : workloadSnippet(team, policy),
    },
  };
}
