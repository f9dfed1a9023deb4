import { useRouteRef } from '@backstage/frontend-plugin-api';
import type { ReactNode } from 'react';
import { rootRouteRef } from '../routes';
import { NodePoolsRootContext } from './NodePoolsLinks';

/** Provides the page's mount path as the New Frontend System's routing resolves it. */
export function NfsNodePoolsLinks({ children }: { children: ReactNode }) {
  const root = useRouteRef(rootRouteRef);
  return (
    <NodePoolsRootContext.Provider value={root?.()}>
      {children}
    </NodePoolsRootContext.Provider>
  );
}
