import {
  renderNodePool,
  type ClusterPolicy,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import type { KubeObject } from './KubeObject';

/** The NodePool an approved pool renders to, typed as the object the client applies. */
export function renderPoolObject(
  pool: PoolRecord,
  policy: ClusterPolicy,
): KubeObject & { spec: Record<string, unknown> } {
  const manifest = renderNodePool(
    {
      id: pool.id,
      owner: pool.owner,
      name: pool.name,
      generation: pool.generation,
      requestId: pool.approvedRequestId,
    },
    pool.spec,
    policy,
  );
  return manifest as unknown as KubeObject & { spec: Record<string, unknown> };
}
