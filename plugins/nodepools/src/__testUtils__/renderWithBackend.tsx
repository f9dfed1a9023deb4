import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { nodePoolsApiRef } from '../api/NodePoolsApi';
import { rootRouteRef } from '../routes';
import { NfsNodePoolsLinks } from '../routing';
import { fakeBackend, type BackendRoute } from './fakeBackend';
import type { FakeSignals } from './fakeSignals';

/** Options of {@link renderWithBackend}. */
export interface RenderWithBackendOptions {
  /** The signed-in user. */
  user?: string;
  /** Whether the permission framework allows what is asked. */
  allow?: boolean;
  /** The app's signal API; without it the app has no signals plugin and pages poll. */
  signals?: FakeSignals;
}

/**
 * Renders an element in a test app whose nodepools API is the real client over a fake backend,
 * with the plugin mounted at `/nodepools` so its links resolve.
 */
export async function renderWithBackend(
  element: JSX.Element,
  route: BackendRoute,
  options: RenderWithBackendOptions = {},
) {
  const backend = fakeBackend(route);
  const rendered = await renderInTestApp(
    <NfsNodePoolsLinks>{element}</NfsNodePoolsLinks>,
    {
      apis: [
        [nodePoolsApiRef, backend.client],
        mockApis.identity({
          userEntityRef: options.user ?? 'user:default/approver',
        }),
        mockApis.permission({
          authorize:
            options.allow === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
        ...(options.signals
          ? [[signalApiRef, options.signals.api] as const]
          : []),
      ],
      mountedRoutes: { '/nodepools': rootRouteRef },
    },
  );
  return { ...backend, rendered };
}
