import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import {
  clustersBody,
  errorBody,
  healthyBody,
  jsonResponse,
} from './__fixtures__/contract';
import plugin from './index';
import { nodePoolsPage } from './plugin';
import { rootRouteRef } from './routes';

describe('nodepools plugin', () => {
  it('is the package default export, with the title and icon the nav item is made of', () => {
    expect(plugin.pluginId).toBe('nodepools');
    expect(plugin.title).toBe('Node pools');
    expect(plugin.icon).toBeTruthy();
    expect(plugin.routes.root).toBe(rootRouteRef);
  });

  it('mounts its page at /nodepools with a route ref, which the nav needs to list it', () => {
    const tester = createExtensionTester(nodePoolsPage);

    expect(tester.get(coreExtensionData.routePath)).toBe('/nodepools');
    expect(tester.get(coreExtensionData.routeRef)).toBe(rootRouteRef);
  });

  it('serves the page at /nodepools from the backend through its registered API client', async () => {
    const backendFetch = jest.fn(async (input: RequestInfo | URL) => {
      const { pathname } = new URL(String(input));
      if (pathname === '/api/nodepools/health') {
        return jsonResponse(200, healthyBody);
      }
      if (pathname === '/api/nodepools/clusters') {
        return jsonResponse(200, clustersBody);
      }
      return jsonResponse(404, errorBody(404, 'NotFoundError', pathname));
    });

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools'],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch({ baseImplementation: backendFetch }),
      ],
    });

    expect(await screen.findByRole('grid', { name: 'Clusters' })).toBeVisible();
    // The app's page layout draws the header from the plugin's title.
    expect(
      screen.getByRole('heading', { name: 'Node pools', level: 1 }),
    ).toBeVisible();
    expect(await screen.findByText('Clusters configured:')).toBeVisible();
    expect(backendFetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/nodepools/clusters',
      expect.anything(),
    );
  });
});
