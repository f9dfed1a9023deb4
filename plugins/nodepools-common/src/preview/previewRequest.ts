import { stringify } from 'yaml';
import { monthlyCeiling, type CostEstimate } from '../cost/estimateCost';
import {
  describeImpact,
  diffNodePools,
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
import { teamBudgetRemaining, type ExistingPool } from '../policy/teamBudget';
import { formatQuantity } from '../quantity/Quantity';
import type { Manifest, NodePoolManifest } from '../render/manifestTypes';
import { renderNodePool } from '../render/renderNodePool';
import { renderNamespaceLabel, workloadSnippet } from '../render/renderTenancy';

/** Everything a requester and an approver see before a request is filed or approved. */
export interface RequestPreview {
  request: PoolRequest;
  policy: PolicyResult;
  /** The objects that would be applied (NodePool and namespace labels); empty for a decommission. */
  manifests: Manifest[];
  /** The same objects as YAML, byte-stable. */
  manifestsYaml: string;
  diff: NodePoolDiff;
  impactSummary: string;
  /** Monthly ceiling of the proposed limits; undefined for a decommission. */
  cost?: CostEstimate;
  /** The team's remaining budget on the cluster once this request is applied. */
  budgetAfter: { cpu: string; memory: string; gpu: string };
  /** What the team puts in a Deployment to land on the pool. */
  workloadSnippet?: ReturnType<typeof workloadSnippet>;
}

/** Input for a preview: the raw request plus what the caller knows of the cluster. */
export interface PreviewInput {
  request: unknown;
  policy: ClusterPolicy;
  currentPools: ExistingPool[];
  /** The NodePool running now, as last rendered from the approved spec. */
  running?: NodePoolManifest;
  /** Nodes the pool has now, for the impact sentence. */
  nodeCount?: number;
  facts?: ClusterFacts;
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
  const policyResult = evaluatePolicy(
    request,
    policy,
    currentPools,
    input.facts,
  );

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
  const diff = diffNodePools(input.running, proposed);
  const others = currentPools.filter(
    p =>
      !(
        p.owner === request.owner &&
        p.cluster === request.cluster &&
        p.name === request.pool
      ),
  );
  const remaining = teamBudgetRemaining(
    request.owner,
    request.cluster,
    policy,
    [
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
    ],
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
      impactSummary: describeImpact(diff, input.nodeCount),
      cost:
        request.kind === 'decommission'
          ? undefined
          : monthlyCeiling(
              request.spec.limits,
              request.spec.requirements.capacityTypes,
              policy.prices,
            ),
      budgetAfter: {
        cpu: formatQuantity(remaining.cpu),
        memory: formatQuantity(remaining.memory, 'binary'),
        gpu: formatQuantity(remaining.gpu),
      },
      workloadSnippet:
        request.kind === 'decommission'
          ? undefined
          : workloadSnippet(team, policy),
    },
  };
}
