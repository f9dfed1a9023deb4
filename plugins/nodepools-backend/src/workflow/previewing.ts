import {
  nodeClassWarnings,
  previewRequest,
  renderApprovedPool,
  type PoolRequest,
  type RequestPreview,
  type RequestPreviewResult,
  type ServerVerdicts,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import { deliveryTarget } from '../delivery/deliveryTarget';
import type { NodePoolsStore, VersionedPool } from '../database/NodePoolsStore';
import { FieldValidationError } from './FieldValidationError';
import { serverVerdicts } from './serverVerdict';
import { dollarBudgetInput } from './teamSpend';
import { clusterOf, type WorkflowContext } from './WorkflowContext';

/** What the API answers for a preview: the wire contract, declared once in the core. */
export type PreviewResponse = RequestPreviewResult;

/** What an approver sees besides the preview: warnings about the cluster, the server's verdict. */
export type ClusterFindings = Pick<PreviewResponse, 'warnings' | 'server'>;

/**
 * A preview and the rows it was computed from, so a caller that goes on to write (filing,
 * granting) does not read the pools again.
 */
export interface PreviewBasis {
  preview: RequestPreview;
  /** The cluster's live pools as read for the preview. */
  pools: VersionedPool[];
  /** The request's pool among them, for an update or a decommission. */
  target?: VersionedPool;
  /** NodePool names held by objects the portal does not manage, as last observed. */
  takenNames?: readonly string[];
}

/** The team's undecided requests on the cluster: the preview shows their limits as reserved. */
async function pendingOf(
  store: NodePoolsStore,
  cluster: string,
  owner: string,
): Promise<RequestRecord[]> {
  const all: RequestRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRequests({
      state: ['pending'],
      cluster,
      owner,
      order: 'oldest',
      limit: 100,
      cursor,
    });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The full preview of a parsed request against the live pools, without writing anything. */
export async function previewBasis(
  ctx: WorkflowContext,
  store: NodePoolsStore,
  request: PoolRequest,
): Promise<PreviewBasis> {
  const cluster = clusterOf(ctx.config, request.cluster);
  // One after the other: inside a transaction they share one connection.
  const pools = await store.livePools(cluster.name);
  const observed = await store.observations(cluster.name);
  const pending = await pendingOf(store, cluster.name, request.owner);
  const dollarBudget = await dollarBudgetInput(ctx, store, request);
  const target = pools.find(
    p => p.owner === request.owner && p.name === request.pool,
  );
  // What the approved spec renders to now, and what the reconciler last saw run: the diff is
  // against the latter, and the preview says where the two differ.
  const approved = target
    ? renderApprovedPool(target, cluster.policy)
    : undefined;
  // The core validates again: a stored request is judged by today's policy and schema.
  const result = previewRequest({
    request,
    policy: cluster.policy,
    currentPools: pools,
    approved,
    live: target ? observed.nodePools.get(target.id) : undefined,
    takenNames: observed.takenNames,
    now: ctx.now().toISOString(),
    nodeCount: target?.status?.nodes,
    poolId: target?.id,
    generation: target ? target.generation + 1 : 1,
    pending,
    prices: await ctx.prices?.(cluster),
    dollarBudget,
  });
  if (!result.ok) {
    throw new FieldValidationError(
      `request is invalid: ${result.errors
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')}`,
      result.errors,
    );
  }
  const basis = { pools, target, takenNames: observed.takenNames?.names };
  if (!cluster.url) {
    // Nothing could ever be applied there: say so before anyone files or approves it.
    const violation = {
      path: 'cluster',
      message: `cluster ${cluster.name} has no API server url configured, so no pool can be applied to it`,
      asked: cluster.name,
    };
    const preview = {
      ...result.preview,
      policy: {
        allowed: false,
        violations: [violation, ...result.preview.policy.violations],
      },
    };
    return { preview, ...basis };
  }
  return { preview: result.preview, ...basis };
}

/** A stored request as the request it was filed as (it was parsed then). */
export function storedRequest(
  request: Pick<
    RequestRecord,
    'kind' | 'owner' | 'cluster' | 'pool' | 'justification' | 'spec'
  >,
): PoolRequest {
  return {
    kind: request.kind,
    owner: request.owner,
    cluster: request.cluster,
    pool: request.pool,
    justification: request.justification,
    ...(request.spec ? { spec: request.spec } : {}),
  } as PoolRequest;
}

/**
 * The target API server's dry-run verdict on the preview's NodePools, time-boxed; undefined
 * when there is nothing to ask (no client, no url, a decommission).
 */
export async function askServer(
  ctx: WorkflowContext,
  preview: RequestPreview,
  takenNames: () => Promise<readonly string[] | undefined>,
): Promise<ServerVerdicts | undefined> {
  const cluster = clusterOf(ctx.config, preview.request.cluster);
  if (!cluster.url || !ctx.clusterClient) return undefined;
  if (!preview.manifests.some(m => m.kind === 'NodePool')) return undefined;
  return serverVerdicts({
    cluster: cluster.name,
    client: ctx.clusterClient(cluster.name),
    manifests: preview.manifests,
    takenNames: await takenNames(),
    timeoutMs: ctx.serverVerdictTimeoutMs,
  });
}

/** The preview with the warnings about its node class and the API server's verdict. */
export async function withClusterFindings(
  ctx: WorkflowContext,
  basis: Pick<PreviewBasis, 'preview' | 'takenNames'>,
): Promise<PreviewResponse> {
  const { preview } = basis;
  const { request } = preview;
  // Both ask other parties (the shared pass state, the API server): at once, not one after the other.
  const [warnings, server] = await Promise.all([
    request.kind === 'decommission'
      ? []
      : Promise.resolve(ctx.nodeClasses?.(request.cluster)).then(classes =>
          nodeClassWarnings(request.cluster, request.spec.nodeClass, classes),
        ),
    askServer(ctx, preview, async () => basis.takenNames),
  ]);
  const delivery = deliveryTarget(
    clusterOf(ctx.config, request.cluster),
    request,
  );
  return {
    preview,
    warnings,
    ...(server ? { server } : {}),
    ...(delivery ? { delivery } : {}),
  };
}
