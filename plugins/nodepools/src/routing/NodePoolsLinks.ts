import { createContext, useContext, useMemo } from 'react';

/** Where the plugin's page is mounted, as the app's router resolved it; undefined when it is not mounted. */
export const NodePoolsRootContext = createContext<string | undefined>(
  undefined,
);

/** Links to the plugin's views; each is undefined when the plugin's page is not mounted. */
export interface NodePoolsLinks {
  overview?: string;
  queue?: string;
  myRequests?: string;
  request?: (id: string) => string;
  pool?: (id: string) => string;
}

/**
 * Links for the components, built from the page's mount path. Both frontend systems provide the
 * path through {@link NodePoolsRootContext} (see `NfsNodePoolsLinks` and the legacy entry point),
 * so the components are the same in both; the sub-paths are the ones `routes.ts` declares.
 */
export function useNodePoolsLinks(): NodePoolsLinks {
  const root = useContext(NodePoolsRootContext);
  return useMemo(() => {
    if (root === undefined) return {};
    const base = root.replace(/\/+$/, '');
    return {
      overview: root,
      queue: `${base}/requests`,
      myRequests: `${base}/my-requests`,
      request: id => `${base}/requests/${encodeURIComponent(id)}`,
      pool: id => `${base}/pools/${encodeURIComponent(id)}`,
    };
  }, [root]);
}
