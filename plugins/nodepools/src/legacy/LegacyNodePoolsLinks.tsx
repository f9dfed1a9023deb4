import { useRouteRef } from '@backstage/core-plugin-api';
import type { ReactNode } from 'react';
import { NodePoolsRootContext } from '../routing';
import { legacyRootRouteRef } from './routes';

/** The page's mount path from the legacy app's routes, or undefined when the app has not mounted it. */
function useLegacyRoot(): string | undefined {
  try {
    return useRouteRef(legacyRootRouteRef)();
  } catch {
    // The legacy hook throws when nothing mounts the route: cards then show plain text, not links.
    return undefined;
  }
}

/** Provides the page's mount path as the legacy frontend system's routing resolves it. */
export function LegacyNodePoolsLinks({ children }: { children: ReactNode }) {
  return (
    <NodePoolsRootContext.Provider value={useLegacyRoot()}>
      {children}
    </NodePoolsRootContext.Provider>
  );
}
