import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import type { NodePoolsApi } from '../api/NodePoolsApi';

type FormData = Record<string, unknown> | undefined;

/**
 * The pool a change template names (team, cluster and pool name of its form), as the backend has
 * it approved, or undefined while the form does not name one it has. A change starts from its
 * spec, so filing it changes only what the user changes.
 */
export async function loadCurrentPool(
  api: Pick<NodePoolsApi, 'listPools'>,
  form: FormData,
): Promise<PoolRecord | undefined> {
  const owner = form?.owner;
  const cluster = form?.cluster;
  const name = form?.pool;
  if (typeof owner !== 'string' || typeof cluster !== 'string')
    return undefined;
  if (typeof name !== 'string' || !name) return undefined;
  const page = await api.listPools({ owner, cluster, limit: 200 });
  return page.items.find(p => p.name === name && p.phase !== 'removed');
}
