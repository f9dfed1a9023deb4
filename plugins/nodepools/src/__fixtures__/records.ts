import {
  clusterPolicySchema,
  previewRequest,
  renderNodePool,
  type EventRecord,
  type PoolRecord,
  type PoolSpec,
  type RequestPreview,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { RequestPreviewResult } from '../api/types';

// Records built from the common package's types, and a preview computed by its own
// `previewRequest`: the UI is tested against what the backend really sends, not a hand-made guess.

/** The cluster policy with every default, as `local` in the contract fixtures has it. */
export const defaultPolicy = clusterPolicySchema.parse({});

/** The spec the payments team runs now. */
export const runningSpec: PoolSpec = {
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '16', memory: '64Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
};

/** The change they ask for: more CPU and on-demand nodes as well. */
export const requestedSpec: PoolSpec = {
  requirements: {
    architectures: ['amd64'],
    capacityTypes: ['spot', 'on-demand'],
  },
  limits: { cpu: '32', memory: '128Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
  expireAfter: '336h',
};

/** A pool the reconciler has not reported on yet. */
export const unappliedPool: PoolRecord = {
  id: 'pool-new',
  cluster: 'local',
  owner: 'group:default/payments',
  name: 'batch',
  phase: 'provisioning',
  spec: runningSpec,
  generation: 1,
  createdAt: '2026-11-20T09:00:00.000Z',
  updatedAt: '2026-11-20T09:00:00.000Z',
};

/** A ready pool with status from the reconciler. */
export const readyPool: PoolRecord = {
  id: 'pool-1',
  cluster: 'local',
  owner: 'group:default/payments',
  name: 'general',
  phase: 'ready',
  spec: runningSpec,
  description: 'Checkout API needs its own nodes',
  generation: 2,
  appliedGeneration: 2,
  approvedRequestId: 'req-0',
  status: {
    observedGeneration: 2,
    conditions: [
      { type: 'Ready', status: 'True', reason: 'Ready' },
      { type: 'ValidationSucceeded', status: 'True' },
      { type: 'NodeClassReady', status: 'True' },
      {
        type: 'NodeRegistrationHealthy',
        status: 'False',
        reason: 'NodeRegistrationFailed',
        message: 'one node did not join within 15m',
      },
    ],
    nodes: 3,
    provisioned: { cpu: '12', memory: '48Gi', nodes: '3' },
    nodeClaims: [
      {
        name: 'payments-general-7x2kq',
        nodeName: 'ip-10-0-1-17.eu-west-1.compute.internal',
        instanceType: 'm6i.xlarge',
        capacityType: 'spot',
        zone: 'eu-west-1a',
        capacity: { cpu: '4', memory: '16Gi' },
        conditions: [
          { type: 'Launched', status: 'True' },
          { type: 'Registered', status: 'True' },
          { type: 'Initialized', status: 'True' },
          { type: 'Ready', status: 'True' },
        ],
        createdAt: '2026-11-24T09:40:00.000Z',
      },
      {
        name: 'payments-general-9m4tz',
        instanceType: 'm6i.xlarge',
        capacityType: 'spot',
        zone: 'eu-west-1b',
        conditions: [
          { type: 'Launched', status: 'True' },
          {
            type: 'Registered',
            status: 'False',
            reason: 'NodeNotFound',
            message: 'node did not register within 15m',
          },
        ],
        createdAt: '2026-11-24T09:45:00.000Z',
      },
    ],
    observedAt: '2026-11-24T10:00:00.000Z',
  },
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-24T10:00:00.000Z',
};

/** A pending update of {@link readyPool}. */
export const pendingRequest: RequestRecord = {
  id: 'req-1',
  kind: 'update',
  cluster: 'local',
  owner: 'group:default/payments',
  pool: 'general',
  poolId: 'pool-1',
  spec: requestedSpec,
  justification: 'Black Friday traffic doubles checkout load',
  requester: 'user:default/alice',
  state: 'pending',
  policy: { allowed: true, violations: [] },
  decisions: [
    {
      actor: 'user:default/bob',
      decision: 'approve',
      comment: 'fine by me',
      createdAt: '2026-11-24T11:00:00.000Z',
    },
  ],
  createdAt: '2026-11-24T10:30:00.000Z',
  updatedAt: '2026-11-24T11:00:00.000Z',
  expiresAt: '2026-12-01T10:30:00.000Z',
};

/** An older request of another team, already rejected. */
export const rejectedRequest: RequestRecord = {
  id: 'req-2',
  kind: 'create',
  cluster: 'staging',
  owner: 'group:default/search',
  pool: 'gpu',
  spec: { ...requestedSpec, namespaces: ['search'] },
  justification: 'Embedding experiments need GPUs',
  requester: 'user:default/carol',
  state: 'rejected',
  policy: {
    allowed: false,
    violations: [
      {
        path: 'spec.limits.cpu',
        message: 'exceeds the per-pool maximum',
        asked: '32',
        allowed: '16',
      },
    ],
  },
  reason: 'too large for staging',
  decisions: [
    {
      actor: 'user:default/dave',
      decision: 'reject',
      comment: 'too large for staging',
      createdAt: '2026-11-22T08:00:00.000Z',
    },
  ],
  createdAt: '2026-11-21T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  expiresAt: '2026-11-28T08:00:00.000Z',
};

/** The history of {@link pendingRequest}. */
export const requestHistory: EventRecord[] = [
  {
    id: 'ev-2',
    requestId: 'req-1',
    poolId: 'pool-1',
    type: 'request.approval-recorded',
    actor: 'user:default/bob',
    message: 'bob approved (1 of 2)',
    createdAt: '2026-11-24T11:00:00.000Z',
  },
  {
    id: 'ev-1',
    requestId: 'req-1',
    poolId: 'pool-1',
    type: 'request.created',
    actor: 'user:default/alice',
    message: 'alice asked to update general on local',
    createdAt: '2026-11-24T10:30:00.000Z',
  },
];

/** The history of {@link readyPool}. */
export const poolHistory: EventRecord[] = [
  {
    id: 'ev-p1',
    poolId: 'pool-1',
    type: 'pool.applied',
    actor: 'reconciler',
    message: 'generation 2 applied',
    createdAt: '2026-11-24T09:00:00.000Z',
  },
];

/** The approved spec of {@link readyPool}, rendered as the reconciler applies it. */
const readyPoolApproved = () =>
  renderNodePool(
    {
      id: readyPool.id,
      owner: readyPool.owner,
      name: readyPool.name,
      generation: readyPool.generation,
      requestId: readyPool.approvedRequestId,
    },
    readyPool.spec,
    defaultPolicy,
  );

/** The dry-run preview of {@link pendingRequest}, as the backend's workflow computes it. */
export function pendingRequestPreview(
  observed: Pick<Parameters<typeof previewRequest>[0], 'live' | 'now'> = {},
): RequestPreview {
  const result = previewRequest({
    ...observed,
    request: {
      kind: pendingRequest.kind,
      owner: pendingRequest.owner,
      cluster: pendingRequest.cluster,
      pool: pendingRequest.pool,
      justification: pendingRequest.justification,
      spec: pendingRequest.spec,
    },
    policy: defaultPolicy,
    currentPools: [readyPool],
    approved: readyPoolApproved(),
    nodeCount: 3,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.preview;
}

/** A warning the reconciler raises about a node class on an unpinned AMI alias. */
export const unpinnedAmiWarning =
  'node class default uses an unpinned AMI alias (al2023@latest): every node is replaced when AWS publishes a new image';

/**
 * The body of `GET /requests/req-1/preview` and of the dry run of {@link pendingRequest}: the
 * preview with the cluster's warnings.
 */
export function pendingRequestPreviewBody(
  warnings: string[] = [unpinnedAmiWarning],
): RequestPreviewResult {
  return { preview: pendingRequestPreview(), warnings };
}

/**
 * The preview of {@link pendingRequest} when the reconciler saw the pool's NodePool two minutes
 * ago with its cpu limit edited to 24 outside the portal.
 */
export function editedPoolPreviewBody(): RequestPreviewResult {
  const approved = readyPoolApproved();
  const nodePool = {
    ...approved,
    spec: { ...approved.spec, limits: { ...approved.spec.limits, cpu: '24' } },
  };
  return {
    preview: pendingRequestPreview({
      live: { nodePool, observedAt: '2026-11-24T11:58:00.000Z' },
      now: '2026-11-24T12:00:00.000Z',
    }),
    warnings: [],
  };
}
