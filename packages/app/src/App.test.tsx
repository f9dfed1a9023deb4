import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import appPackageJson from '../package.json';
import App from './App';

type DiscoveredModule = { name: string; default: unknown };
type TestWindow = {
  '__@backstage/discovered__'?: { modules: DiscoveredModule[] };
  __APP_CONFIG__?: object;
};
const testWindow = window as unknown as TestWindow;

/**
 * What the build injects for `app.packages: all`: the default export of every frontend plugin
 * (and its `/alpha` entry point) that this package depends on. Jest does not run the build, so
 * the test does the same detection, which keeps the test's app the one users get.
 */
async function discoverFrontendPackages(): Promise<DiscoveredModule[]> {
  const discovered: DiscoveredModule[] = [];
  for (const name of Object.keys(appPackageJson.dependencies)) {
    const manifest = await import(`${name}/package.json`).catch(
      () => undefined,
    );
    const role: unknown = manifest?.backstage?.role;
    if (role !== 'frontend-plugin' && role !== 'frontend-plugin-module') {
      continue;
    }
    discovered.push({ name, default: (await import(name)).default });
    if (manifest.exports?.['./alpha']) {
      discovered.push({
        name,
        default: (await import(`${name}/alpha`)).default,
      });
    }
  }
  return discovered;
}

function jsonResponse(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

// A JWT-shaped guest token: the app reads its expiry, and its fetchApi sends it to the backend.
const guestToken = [
  { alg: 'none' },
  { sub: 'user:default/guest', exp: Math.floor(Date.now() / 1000) + 3600 },
]
  .map(part => btoa(JSON.stringify(part)).replace(/=+$/, ''))
  .concat('signature')
  .join('.');

// The backend as its contracts describe it: guest sign-in and the nodepools routes. Anything else
// the app asks for is absent.
async function backend(input: RequestInfo | URL): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (url.pathname === '/api/auth/guest/refresh') {
    return jsonResponse(200, {
      profile: { displayName: 'Guest' },
      backstageIdentity: {
        token: guestToken,
        identity: {
          type: 'user',
          userEntityRef: 'user:default/guest',
          ownershipEntityRefs: ['user:default/guest'],
        },
      },
    });
  }
  if (url.pathname === '/api/nodepools/health') {
    return jsonResponse(200, { status: 'ok', database: 'ok', clusters: 1 });
  }
  if (url.pathname === '/api/nodepools/clusters') {
    return jsonResponse(200, {
      items: [
        {
          name: 'local',
          title: 'Local control plane',
          description: 'etcd + kube-apiserver',
          policy: {
            nodeClasses: ['default'],
            architectures: ['amd64', 'arm64'],
            capacityTypes: ['spot', 'on-demand'],
            instanceCategories: ['c', 'm', 'r'],
            maxPoolLimits: { cpu: '64', memory: '256Gi' },
            teamBudget: { cpu: '128', memory: '512Gi' },
            quorum: 1,
            approverGroups: ['group:default/platform'],
          },
        },
      ],
    });
  }
  return jsonResponse(404, {
    error: { name: 'NotFoundError', message: `No ${url.pathname}` },
    response: { statusCode: 404 },
  });
}

describe('App', () => {
  const originalFetch = global.fetch;

  let discoveredModules: DiscoveredModule[];

  beforeAll(async () => {
    discoveredModules = await discoverFrontendPackages();
  });

  beforeEach(() => {
    testWindow.__APP_CONFIG__ = {
      app: { title: 'Test', baseUrl: 'http://localhost:3000', packages: 'all' },
      backend: { baseUrl: 'http://localhost:7007' },
    };
    testWindow['__@backstage/discovered__'] = { modules: discoveredModules };
    global.fetch = jest.fn(backend);
  });

  afterEach(() => {
    global.fetch = originalFetch;
    localStorage.clear();
    delete testWindow.__APP_CONFIG__;
    delete testWindow['__@backstage/discovered__'];
    window.history.replaceState(null, '', '/');
  });

  it("discovers the node pools plugin among the app's packages", () => {
    expect(discoveredModules.map(m => m.name)).toContain(
      '@nodepools/plugin-nodepools',
    );
  });

  it('signs in as guest and renders the node pools page at /nodepools, listed in the sidebar', async () => {
    window.history.replaceState(null, '', '/nodepools');

    render(App.createRoot());
    // The whole app loads lazily; on 2 cores shared with every other suite that takes seconds.
    const loading = { timeout: 20_000 };
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, loading),
    );

    const table = await screen.findByRole(
      'grid',
      { name: 'Clusters' },
      loading,
    );
    expect(within(table).getByRole('rowheader')).toHaveTextContent(
      'Local control plane (local)',
    );
    expect(within(table).getByText('128 CPU, 512Gi memory')).toBeVisible();
    expect(screen.getByText('Clusters configured:')).toBeVisible();
    expect(
      screen.getByRole('heading', { name: 'Node pools', level: 1 }),
    ).toBeVisible();
    const sidebar = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(sidebar).getByRole('link', { name: 'Node pools' }),
    ).toHaveAttribute('href', '/nodepools');
    // Through the app's fetchApi, which signs the request with the user's token.
    const clustersCall = jest
      .mocked(global.fetch)
      .mock.calls.map(([input]) => input)
      .find(
        (input): input is Request =>
          input instanceof Request &&
          input.url === 'http://localhost:7007/api/nodepools/clusters',
      );
    expect(clustersCall?.headers.get('Authorization')).toBe(
      `Bearer ${guestToken}`,
    );
  }, 60_000);
});
