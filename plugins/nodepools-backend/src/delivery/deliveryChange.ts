import {
  nodePoolName,
  teamSlug,
  type PoolRecord,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterConfig,
  GitDeliveryConfig,
} from '@nodepools/plugin-nodepools-node';
import type { DeliveryChange } from './GitDelivery';
import { poolFile, tenancyFile } from './deliveryFiles';

/**
 * The change one approval makes to the repository: the pool's file (written, or removed for a
 * decommission) and the cluster's admission policies as the live pools now need them. The branch
 * is named by the approving request, so a retried approval is the same change, and the commit
 * message names the request, its approvers and where to read it.
 */
export function deliveryChange(options: {
  cluster: ClusterConfig;
  delivery: GitDeliveryConfig;
  pool: PoolRecord;
  /** Every live pool of the cluster (the admission policies cover them all). */
  livePools: PoolRecord[];
  request?: RequestRecord;
  /** The portal's page of the request. */
  link?: string;
}): DeliveryChange {
  const { cluster, delivery, pool, request } = options;
  const name = nodePoolName(teamSlug(pool.owner), pool.name);
  const requestId = pool.approvedRequestId ?? `generation-${pool.generation}`;
  const decommission = pool.phase === 'decommissioning';
  const approvers = (request?.decisions ?? [])
    .filter(d => d.decision === 'approve')
    .map(d => d.actor);
  const tenants = options.livePools.filter(
    p => p.phase !== 'decommissioning' && p.phase !== 'removed',
  );
  return {
    // A decommission by the system (a grant running out) keeps the pool's approving request:
    // without the suffix its removal would be named as the creation was, and found as done.
    branch: `nodepools/${cluster.name}/${name}/${requestId}${
      decommission ? '-removal' : ''
    }`,
    files: [
      poolFile(delivery, cluster, pool),
      tenancyFile(delivery, cluster, tenants),
    ],
    title: `${decommission ? 'Remove' : 'Apply'} NodePool ${name} on ${
      cluster.name
    } (request ${requestId})`,
    body: [
      `Request: ${requestId}${options.link ? ` (${options.link})` : ''}`,
      ...(request
        ? [
            `Requested by: ${request.requester}`,
            `Approved by: ${approvers.join(', ') || 'nobody recorded'}`,
            `Justification: ${request.justification}`,
          ]
        : []),
      `Generation: ${pool.generation}`,
      '',
      'Written by the Backstage NodePools portal: edit the request there, not this file.',
    ].join('\n'),
  };
}
