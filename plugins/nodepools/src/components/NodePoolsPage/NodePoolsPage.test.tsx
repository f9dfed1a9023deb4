import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  clustersBody,
  errorBody,
  healthyBody,
  jsonResponse,
} from '../../__fixtures__/contract';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { NodePoolsClient } from '../../api/NodePoolsClient';
import { readyPool, poolHistory } from '../../__fixtures__/records';
import { NodePoolsPage } from './NodePoolsPage';

type Route = (path: string) => Response | Promise<Response>;

// The real client over a stubbed fetch: the page is checked against the backend's wire shapes,
// not against a hand-written fake of the client.
function renderPage(route: Route, path?: string) {
  const backendFetch = jest.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    return route(url.pathname.replace(/^\/api\/nodepools/, ''));
  });
  const client = new NodePoolsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: backendFetch },
  });
  return renderInTestApp(<NodePoolsPage />, {
    apis: [[nodePoolsApiRef, client]],
    // The test app renders the page at its root, so paths are the page's own.
    ...(path ? { initialRouteEntries: [path] } : {}),
  });
}

const healthyBackend: Route = path => {
  if (path === '/health') return jsonResponse(200, healthyBody);
  if (path === '/clusters') return jsonResponse(200, clustersBody);
  return jsonResponse(404, errorBody(404, 'NotFoundError', `no ${path}`));
};

describe('NodePoolsPage', () => {
  it('shows the backend status and one table row per cluster', async () => {
    await renderPage(healthyBackend);

    const status = await screen.findByRole('region', {
      name: 'Backend status',
    });
    expect(
      await within(status).findByText('Clusters configured:'),
    ).toBeVisible();
    const facts = within(status)
      .getAllByRole('listitem')
      .map(item => item.textContent);
    expect(facts).toEqual([
      'Backend: ok',
      'Database: ok',
      'Clusters configured: 2',
    ]);

    const table = await screen.findByRole('grid', { name: 'Clusters' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getByRole('rowheader').textContent),
    ).toEqual([
      'Local control plane (local)etcd + kube-apiserver started by yarn cluster:start',
      'Staging (EKS, eu-west-1) (staging)',
    ]);
    expect(within(rows[0]).getByText('128 CPU, 512Gi memory')).toBeVisible();
  });

  it('says how to add a cluster when none is configured', async () => {
    await renderPage(path =>
      path === '/clusters'
        ? jsonResponse(200, { items: [] })
        : healthyBackend(path),
    );

    expect(
      await screen.findByText(
        'No clusters are configured: add nodepools.clusters to app-config.yaml',
      ),
    ).toBeVisible();
    expect(screen.queryByRole('grid')).not.toBeInTheDocument();
  });

  it("shows the backend's error and what to do, and loads again on request", async () => {
    let clustersFail = true;
    await renderPage(path => {
      if (path === '/clusters' && clustersFail) {
        return jsonResponse(
          500,
          errorBody(
            500,
            'Error',
            'nodepools.clusters[0].policy.quorum must be at least 1',
          ),
        );
      }
      return healthyBackend(path);
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the clusters');
    expect(alert).toHaveTextContent(
      'nodepools.clusters[0].policy.quorum must be at least 1 (HTTP 500)',
    );
    expect(alert).toHaveTextContent(/its logs say why/);
    // One failing call does not hide what did load.
    expect(await screen.findByText('Clusters configured:')).toBeVisible();

    clustersFail = false;
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Try again' }),
    );

    expect(await screen.findByRole('grid', { name: 'Clusters' })).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('tells the user to install the backend when its routes are missing', async () => {
    await renderPage(path =>
      jsonResponse(404, errorBody(404, 'NotFoundError', `Not found: ${path}`)),
    );

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map(alert => alert.textContent)).toEqual([
      expect.stringContaining('Could not load the backend status'),
      expect.stringContaining('Could not load the clusters'),
    ]);
    for (const alert of alerts) {
      expect(alert).toHaveTextContent(
        'add @nodepools/plugin-nodepools-backend to packages/backend',
      );
    }
  });

  it('says it is loading while the backend has not answered', async () => {
    await renderPage(() => new Promise<Response>(() => {}));

    expect(
      await screen.findByText('Checking the nodepools backend…'),
    ).toBeVisible();
    expect(screen.getByText('Loading clusters…')).toBeVisible();
  });

  it('shows a pool at pools/:id, where the catalog links', async () => {
    await renderPage(path => {
      if (path === '/pools/pool-1') return jsonResponse(200, readyPool);
      if (path === '/pools/pool-1/history')
        return jsonResponse(200, { items: poolHistory });
      if (path === '/clusters') return jsonResponse(200, clustersBody);
      return jsonResponse(404, errorBody(404, 'NotFoundError', `no ${path}`));
    }, '/pools/pool-1');

    expect(
      await screen.findByRole('heading', { name: 'Node pool' }),
    ).toBeVisible();
    expect(await screen.findByText('Nodes: 3')).toBeVisible();
    expect(
      await screen.findByRole('list', { name: 'Pool history' }),
    ).toHaveTextContent('generation 2 applied');
  });

  it('says what to do when the pool does not exist', async () => {
    await renderPage(
      path =>
        jsonResponse(404, errorBody(404, 'NotFoundError', `no pool ${path}`)),
      '/pools/gone',
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the pool',
    );
  });
});
