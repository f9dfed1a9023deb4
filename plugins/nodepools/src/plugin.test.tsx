import type { Entity } from '@backstage/catalog-model';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clustersBody,
  errorBody,
  healthyBody,
  jsonResponse,
} from './__fixtures__/contract';
import {
  pendingRequest,
  pendingRequestPreviewBody,
  unpinnedAmiWarning,
} from './__fixtures__/records';
import plugin from './index';
import {
  nodePoolsPage,
  ownerPoolsEntityCard,
  poolStatusEntityCard,
  teamPoolsEntityCard,
} from './plugin';
import { rootRouteRef } from './routes';

describe('nodepools plugin', () => {
  it('is the package default export, with the title and icon the nav item is made of', () => {
    expect(plugin.pluginId).toBe('nodepools');
    expect(plugin.title).toBe('Node pools');
    expect(plugin.icon).toBeTruthy();
    expect(plugin.routes.root).toBe(rootRouteRef);
  });

  it('has every extension id its README documents for app.extensions', () => {
    // Typed by the plugin: tsc rejects an id the plugin does not have.
    const ids: Array<Parameters<typeof plugin.getExtension>[0]> = [
      'page:nodepools',
      'api:nodepools',
      'entity-card:nodepools/team-pools',
      'entity-card:nodepools/owner-pools',
      'entity-card:nodepools/pool-status',
      'scaffolder-form-field:nodepools/advanced',
      'scaffolder-form-field:nodepools/cluster-picker',
      'scaffolder-form-field:nodepools/lifetime',
      'scaffolder-form-field:nodepools/node-class-picker',
      'scaffolder-form-field:nodepools/pool-limits',
      'scaffolder-form-field:nodepools/pool-name',
      'scaffolder-form-field:nodepools/request-check',
      'scaffolder-form-field:nodepools/spec-list',
      'scaffolder-form-field:nodepools/team-picker',
    ];
    const readme = readFileSync(join(__dirname, '../README.md'), 'utf8');
    const documented = new Set(
      [...readme.matchAll(/`([a-z-]+:nodepools(?:\/[a-z-]+)?)`/g)].map(
        m => m[1],
      ),
    );

    expect([...documented].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(plugin.getExtension(id)).toBeDefined();
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

  it('serves the approval queue at /nodepools/requests, with links to each request', async () => {
    const backendFetch = jest.fn(async (input: RequestInfo | URL) => {
      const { pathname } = new URL(String(input));
      if (pathname === '/api/nodepools/clusters') {
        return jsonResponse(200, clustersBody);
      }
      if (pathname === '/api/nodepools/requests') {
        return jsonResponse(200, { items: [pendingRequest] });
      }
      return jsonResponse(404, errorBody(404, 'NotFoundError', pathname));
    });

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/requests'],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch({ baseImplementation: backendFetch }),
      ],
    });

    const queue = await screen.findByRole('region', { name: 'Approval queue' });
    expect(
      await within(queue).findByRole('link', { name: 'general on local' }),
    ).toHaveAttribute('href', '/nodepools/requests/req-1');
    const nav = screen.getByRole('navigation', { name: 'Node pools sections' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual(['/nodepools', '/nodepools/requests', '/nodepools/my-requests']);
  });

  it('serves one request at /nodepools/requests/:id, reading the id from the URL', async () => {
    const backendFetch = jest.fn(async (input: RequestInfo | URL) => {
      const { pathname } = new URL(String(input));
      if (pathname === '/api/nodepools/requests/req-1') {
        return jsonResponse(200, pendingRequest);
      }
      if (pathname === '/api/nodepools/requests/req-1/history') {
        return jsonResponse(200, { items: [] });
      }
      if (pathname === '/api/nodepools/requests/req-1/preview') {
        return jsonResponse(200, pendingRequestPreviewBody());
      }
      return jsonResponse(404, errorBody(404, 'NotFoundError', pathname));
    });

    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/nodepools/requests/req-1'],
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        mockApis.fetch({ baseImplementation: backendFetch }),
      ],
    });

    expect(
      await screen.findByRole('heading', {
        name: 'update general on local',
      }),
    ).toBeVisible();
    expect(await screen.findByText('Nothing has happened yet.')).toBeVisible();
    expect(await screen.findByText(unpinnedAmiWarning)).toBeVisible();
  });

  // Each filter is read in its own function: the three cards are of different extension types.
  const filterOf = {
    poolStatus: () =>
      createExtensionTester(poolStatusEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    teamPools: () =>
      createExtensionTester(teamPoolsEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
    ownerPools: () =>
      createExtensionTester(ownerPoolsEntityCard).get(
        EntityCardBlueprint.dataRefs.filterFunction,
      ),
  };

  it.each([
    ['poolStatus' as const, ['karpenter-nodepool resource']],
    ['teamPools' as const, ['group']],
    ['ownerPools' as const, ['component']],
  ])(
    'shows the %s entity card only on the entities it is made for',
    (card, expected) => {
      const entities: Record<string, Entity> = {
        'karpenter-nodepool resource': entity('Resource', 'karpenter-nodepool'),
        'database resource': entity('Resource', 'database'),
        group: entity('Group', 'team'),
        component: entity('Component', 'service'),
        system: entity('System'),
      };
      const filter = filterOf[card]();
      expect(filter).toBeInstanceOf(Function);

      expect(
        Object.entries(entities)
          .filter(([, e]) => filter?.(e))
          .map(([name]) => name),
      ).toEqual(expected);
    },
  );
  it('narrows the team card to team groups with the config the README shows', () => {
    const filter = createExtensionTester(teamPoolsEntityCard, {
      config: { filter: { kind: 'group', 'spec.type': 'team' } },
    }).get(EntityCardBlueprint.dataRefs.filterFunction);

    expect(filter?.(entity('Group', 'team'))).toBe(true);
    expect(filter?.(entity('Group', 'department'))).toBe(false);
  });
});

function entity(kind: string, type?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x' },
    spec: type ? { type } : {},
  };
}
