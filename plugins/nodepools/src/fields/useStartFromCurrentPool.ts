import { useEffect } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { PoolSpec } from '@nodepools/plugin-nodepools-common';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../api/NodePoolsApi';
import { loadCurrentPool } from './loadCurrentPool';

type FormData = Record<string, unknown> | undefined;

/**
 * For a change (`update`): fills the field in from the pool's approved spec once the form names
 * the pool, unless the field already has a value, so the change starts from what the pool has.
 * Asks nothing for a new pool.
 */
export function useStartFromCurrentPool<T>(
  form: FormData,
  update: boolean,
  value: T | undefined,
  pick: (spec: PoolSpec) => T,
  onChange: (value: T) => void,
) {
  const api = useApi(nodePoolsApiRef);
  const { owner, cluster, pool } = form ?? {};
  const loaded = useAsync(
    async () =>
      update ? loadCurrentPool(api, { owner, cluster, pool }) : undefined,
    [api, owner, cluster, pool, update],
  );
  const current = loaded.value;
  // Runs again on every render while the value is still unset: fields that fill themselves in
  // the same tick can overwrite each other's change in the form (each spreads the form data it
  // was rendered with), and the form gives a new `onChange` on each render.
  useEffect(() => {
    if (value === undefined && current) onChange(pick(current.spec));
  }, [current, value, pick, onChange]);
}
