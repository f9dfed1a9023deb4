import { useApi } from '@backstage/frontend-plugin-api';
import type { PoolRecord } from '@nodepools/plugin-nodepools-common';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../api/NodePoolsApi';
import type { AdvancedPolicy } from './AdvancedField/advancedValue';
import { loadCurrentPool } from './loadCurrentPool';

type FormData = Record<string, unknown> | undefined;

/**
 * The policy of the form's cluster and, for a change, the pool it changes: what the fields that
 * start from the cluster's defaults (or the pool's approved spec) start from. `value` is undefined
 * until the form names a cluster the backend knows.
 */
export function useFormCluster(form: FormData, update: boolean) {
  const api = useApi(nodePoolsApiRef);
  const { cluster, owner, pool } = form ?? {};
  return useAsync(async (): Promise<
    { policy: AdvancedPolicy; current?: PoolRecord } | undefined
  > => {
    const clusters = await api.listClusters();
    const found = clusters.find(c => c.name === cluster);
    if (!found) return undefined;
    const current = update
      ? await loadCurrentPool(api, { owner, cluster, pool })
      : undefined;
    return { policy: found.policy as AdvancedPolicy, current };
  }, [api, cluster, owner, pool, update]);
}
