import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { clustersBody, jsonResponse } from '../__fixtures__/contract';
import {
  pendingRequest,
  pendingRequestPreviewBody,
  poolHistory,
  readyPool,
  requestHistory,
} from '../__fixtures__/records';
import { fakeBackend, type BackendRoute } from '../__testUtils__/fakeBackend';
import {
  EntityNodePoolStatusCard,
  EntityTeamNodePoolsCard,
  NodePoolsPage,
  isNodePoolEntity,
  nodePoolsApiRef,
  nodePoolsLegacyRouteRef,
} from '../legacy';

// The legacy entry point in a legacy test app (@backstage/test-utils): the real client over a
// fake backend that answers with the backend's wire shapes, and the page mounted the way a
// legacy app's App.tsx mounts it.

const backendWith =
  (request = pendingRequest): BackendRoute =>
  ({ method, path }) => {
    if (path === '/pools') return jsonResponse(200, { items: [readyPool] });
    if (path === '/pools/pool-1') return jsonResponse(200, readyPool);
    if (path === '/pools/pool-1/history')
      return jsonResponse(200, { items: poolHistory });
    if (path === '/clusters') return jsonResponse(200, clustersBody);
    if (path === '/requests')
      return jsonResponse(200, { items: [pendingRequest] });
    if (method === 'GET' && path === '/requests/req-1')
      return jsonResponse(200, request);
    if (path === '/requests/req-1/history')
      return jsonResponse(200, { items: requestHistory });
    if (path === '/requests/req-1/preview')
      return jsonResponse(200, pendingRequestPreviewBody());
    if (method === 'POST' && path === '/requests/req-1/approve')
      return jsonResponse(200, { ...request, state: 'approved' });
    return undefined;
  };

async function renderLegacy(
  element: JSX.Element,
  { path = '/', allow = true, mounted = true, request = pendingRequest } = {},
) {
  const fake = fakeBackend(backendWith(request));
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [nodePoolsApiRef, fake.client],
        [
          identityApiRef,
          // Not the requester (alice): only someone else may approve.
          mockApis.identity({ userEntityRef: 'user:default/approver' }),
        ],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
          }),
        ],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: [path],
      ...(mounted
        ? { mountedRoutes: { '/nodepools': nodePoolsLegacyRouteRef } }
        : {}),
    },
  );
  return fake;
}

/** How a legacy app mounts the page: `<Route path="/nodepools" element={<NodePoolsPage />} />`. */
const appRoutes = (
  <Routes>
    <Route path="/nodepools/*" element={<NodePoolsPage />} />
  </Routes>
);

const poolResource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'local.payments.general',
    annotations: { 'nodepools.backstage.io/pool-id': 'pool-1' },
  },
  spec: { type: 'karpenter-nodepool', owner: 'group:default/payments' },
};

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments' },
  spec: { type: 'team', children: [] },
};

describe('legacy frontend system', () => {
  it('the page shows the approval queue with links under its mount path', async () => {
    await renderLegacy(appRoutes, { path: '/nodepools/requests' });

    expect(
      await screen.findByRole('heading', { name: 'Node pools' }),
    ).toBeVisible();
    const queue = await screen.findByRole('region', {
      name: 'Approval queue',
    });
    expect(
      await within(queue).findByRole('link', { name: 'general on local' }),
    ).toHaveAttribute('href', '/nodepools/requests/req-1');
    const nav = screen.getByRole('navigation', {
      name: 'Node pools sections',
    });
    expect(
      within(nav)
        .getAllByRole('link')
        .map(l => l.getAttribute('href')),
    ).toEqual(['/nodepools', '/nodepools/requests', '/nodepools/my-requests']);
  });

  it('an approver approves a request on its page', async () => {
    const user = userEvent.setup();
    const fake = await renderLegacy(appRoutes, {
      path: '/nodepools/requests/req-1',
    });

    await user.click(await screen.findByRole('button', { name: 'Approve…' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Approve' }));

    await waitFor(() =>
      expect(
        fake.calls.filter(c => c.method === 'POST').map(c => c.path),
      ).toEqual(['/requests/req-1/approve']),
    );
  });

  it('hides Approve from someone the permission policy does not allow', async () => {
    await renderLegacy(appRoutes, {
      path: '/nodepools/requests/req-1',
      allow: false,
      // usePermission caches answers per permission and team for the module (SWR): another
      // team's request, so the answer of the test before does not stand in for this one.
      request: { ...pendingRequest, owner: 'group:default/search' },
    });

    expect(
      await screen.findByText('Black Friday traffic doubles checkout load'),
    ).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Approve…' })).toBeNull();
  });

  it('the pool page shows the status and history at /nodepools/pools/:id', async () => {
    await renderLegacy(appRoutes, { path: '/nodepools/pools/pool-1' });

    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(
      await screen.findByRole('grid', { name: 'NodeClaims' }),
    ).toBeVisible();
    expect(
      await screen.findByRole('list', { name: 'Pool history' }),
    ).toHaveTextContent('generation 2 applied');
  });

  it('the pool status card renders on a pool Resource and links to the pool page', async () => {
    expect(isNodePoolEntity(poolResource)).toBe(true);
    expect(isNodePoolEntity(payments)).toBe(false);
    await renderLegacy(
      <EntityProvider entity={poolResource}>
        <EntityNodePoolStatusCard />
      </EntityProvider>,
    );

    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(
      screen.getByRole('link', { name: 'Open the pool page' }),
    ).toHaveAttribute('href', '/nodepools/pools/pool-1');
  });

  it("the team card lists a group's pools with links to their pages", async () => {
    await renderLegacy(
      <EntityProvider entity={payments}>
        <EntityTeamNodePoolsCard />
      </EntityProvider>,
    );

    const list = await screen.findByRole('list', { name: 'Team pools' });
    expect(
      within(list).getByRole('link', { name: 'general on local' }),
    ).toHaveAttribute('href', '/nodepools/pools/pool-1');
  });

  it('the cards work without links when the app has not mounted the page', async () => {
    await renderLegacy(
      <EntityProvider entity={payments}>
        <EntityTeamNodePoolsCard />
      </EntityProvider>,
      { mounted: false },
    );

    const list = await screen.findByRole('list', { name: 'Team pools' });
    expect(within(list).getByText('general on local')).toBeVisible();
    expect(within(list).queryByRole('link')).toBeNull();
  });
});
