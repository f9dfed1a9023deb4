import { useApi } from '@backstage/frontend-plugin-api';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { RequestListQuery } from '../../api/types';

/** The pages of requests loaded so far for one query, and how to load the next. */
export interface RequestPages {
  items: RequestRecord[];
  loading: boolean;
  error?: Error;
  hasMore: boolean;
  loadMore: () => void;
  retry: () => void;
  /** Loads the rows shown again, from the first, keeping them on screen meanwhile. */
  refresh: () => void;
}

const PAGE_SIZE = 25;
/** The most rows the backend returns at once. */
const MAX_LIMIT = 200;

/**
 * Loads requests a page at a time. A new query starts over; answers to an older query that arrive
 * late are dropped, so fast filter changes never show another filter's rows.
 */
export function useRequestPages(query: RequestListQuery): RequestPages {
  const api = useApi(nodePoolsApiRef);
  const [items, setItems] = useState<RequestRecord[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<Error | undefined>();
  const generation = useRef(0);
  /** What the last load asked for, so that retrying a failed one asks it again. */
  const lastLoad = useRef<[string | undefined, boolean, number]>([
    undefined,
    false,
    PAGE_SIZE,
  ]);
  const key = JSON.stringify(query);

  const load = useCallback(
    async (from: string | undefined, append: boolean, limit = PAGE_SIZE) => {
      const mine = ++generation.current;
      lastLoad.current = [from, append, limit];
      setLoading(true);
      setError(undefined);
      try {
        const page = await api.listRequests({
          ...(JSON.parse(key) as RequestListQuery),
          limit,
          cursor: from,
        });
        if (mine !== generation.current) return;
        setItems(previous =>
          append ? [...previous, ...page.items] : page.items,
        );
        setCursor(page.nextCursor);
      } catch (e) {
        if (mine === generation.current) setError(e as Error);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [api, key],
  );

  useEffect(() => {
    setItems([]);
    setCursor(undefined);
    load(undefined, false);
  }, [load]);

  return {
    items,
    loading,
    error,
    hasMore: !!cursor,
    loadMore: () => load(cursor, true),
    // After a failed load the rows already shown stay, and the same load is asked again.
    retry: () => load(...lastLoad.current),
    // As many rows as are shown (pages loaded with "Load more" included), in one call.
    refresh: () =>
      load(
        undefined,
        false,
        Math.min(MAX_LIMIT, Math.max(PAGE_SIZE, items.length)),
      ),
  };
}
