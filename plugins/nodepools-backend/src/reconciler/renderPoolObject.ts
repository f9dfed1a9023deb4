import {
  renderApprovedPool,
  type ClusterPolicy,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import type { KubeObject } from './KubeObject';

/** The NodePool an approved pool renders to, typed as the object the client applies. */
export function renderPoolObject(
  pool: PoolRecord,
  policy: ClusterPolicy,
): KubeObject & { spec: Record<string, unknown> } {
  return renderApprovedPool(pool, policy) as unknown as KubeObject & {
    spec: Record<string, unknown>;
  };
}
