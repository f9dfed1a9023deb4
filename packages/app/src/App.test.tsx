// ~350 lines: one rendered app for every test (see below): a second file would render it again.
// `pure`: the tests share one rendered app (see below), so nothing unmounts it between them.
import {
  act,
  cleanup,
  render,
  screen,
  waitFor,
  within,
} from '@testing-library/react/pure';
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

/** The catalog: a team, a service it owns, and one of its pools as the catalog module publishes it. */
const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'local.payments.general',
      namespace: 'default',
      annotations: { 'nodepools.backstage.io/pool-id': 'pool-1' },
    },
    spec: { type: 'karpenter-nodepool', owner: 'group:default/payments' },
  },
];

/** A template page with each of the plugin's form fields, as the scaffolder backend sends it. */
const templateSchema = {
  title: 'Request a dedicated node pool',
  steps: [
    {
      title: 'Pool',
      schema: {
        properties: {
          cluster: {
            title: 'Cluster',
            type: 'string',
            'ui:field': 'NodePoolClusterPicker',
          },
          nodeClass: {
            title: 'Node class',
            type: 'string',
            'ui:field': 'NodePoolNodeClassPicker',
          },
          limits: {
            title: 'Limits',
            type: 'object',
            'ui:field': 'NodePoolLimits',
          },
          policyCheck: {
            title: 'Policy check',
            type: 'string',
            'ui:field': 'NodePoolRequestCheck',
          },
        },
      },
    },
  ],
};

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
  const byName = url.pathname.match(
    /^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)(\/ancestry)?$/,
  );
  const found = entities.find(
    e =>
      byName &&
      e.kind.toLocaleLowerCase('en-US') === byName[1] &&
      e.metadata.name === byName[3],
  );
  if (found && byName?.[4]) {
    return jsonResponse(200, {
      rootEntityRef: `${byName[1]}:default/${byName[3]}`,
      items: [{ entity: found, parentEntityRefs: [] }],
    });
  }
  if (found) return jsonResponse(200, found);
  // What the catalog's own cards ask about the entity's relations: nothing related here.
  if (url.pathname === '/api/catalog/entities/by-refs') {
    return jsonResponse(200, { items: [] });
  }
  if (url.pathname === '/api/catalog/entities') return jsonResponse(200, []);
  if (
    url.pathname ===
    '/api/scaffolder/v2/templates/default/template/request-node-pool/parameter-schema'
  ) {
    return jsonResponse(200, templateSchema);
  }
  if (
    url.pathname === '/api/nodepools/pools' ||
    url.pathname === '/api/nodepools/requests'
  ) {
    return jsonResponse(200, { items: [] });
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

/** The whole app loads lazily; on 2 cores shared with every other suite that takes seconds. */
const loading = { timeout: 20_000 };

/** Goes to a path in the running app, as the browser's back and forward buttons do. */
function navigate(path: string) {
  act(() => {
    window.history.pushState(null, '', path);
    window.dispatchEvent(new PopStateEvent('popstate'));
  });
}

/** The paths (with their query) the app asked the backend for. */
function requestedPaths(): string[] {
  return jest.mocked(global.fetch).mock.calls.map(([input]) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return decodeURIComponent(url.pathname + url.search);
  });
}

// One app for all tests: createApp prepares its app once and disposes it when it unmounts, so a
// second render of the same App would not route. The tests move through it as a user would.
describe('App', () => {
  const originalFetch = global.fetch;

  let discoveredModules: DiscoveredModule[];

  beforeAll(async () => {
    discoveredModules = await discoverFrontendPackages();
    testWindow.__APP_CONFIG__ = {
      app: { title: 'Test', baseUrl: 'http://localhost:3000', packages: 'all' },
      backend: { baseUrl: 'http://localhost:7007' },
    };
    testWindow['__@backstage/discovered__'] = { modules: discoveredModules };
    global.fetch = jest.fn(backend);
    window.history.replaceState(null, '', '/nodepools');
    render(App.createRoot());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Enter' }, loading),
    );
  }, 60_000);

  afterAll(() => {
    cleanup();
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
    navigate('/nodepools');

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

  // No app.extensions config: each entity card's own filter puts it on its pages.
  it.each([
    [
      'group/payments',
      'Node pools',
      '/api/nodepools/pools?owner=group:default/payments',
    ],
    [
      'component/checkout',
      'Node pools',
      '/api/nodepools/pools?owner=group:default/payments',
    ],
    [
      'resource/local.payments.general',
      'Node pool status',
      '/api/nodepools/pools/pool-1',
    ],
  ])(
    'shows its card on the %s entity page',
    async (entity, heading, call) => {
      jest.mocked(global.fetch).mockClear();
      navigate(`/catalog/default/${entity}`);

      expect(
        await screen.findByRole(
          'heading',
          { name: heading, level: 3 },
          loading,
        ),
      ).toBeVisible();
      await waitFor(() =>
        expect(requestedPaths().some(p => p.startsWith(call))).toBe(true),
      );
    },
    60_000,
  );

  it("renders the template's NodePool fields in the scaffolder", async () => {
    navigate('/create/templates/default/request-node-pool');

    await userEvent.click(
      await screen.findByRole('button', { name: /Cluster/ }, loading),
    );
    expect(
      await screen.findByRole('option', { name: /Local control plane/ }),
    ).toBeVisible();
    await userEvent.keyboard('{Escape}');
    expect(screen.getByText('Choose a cluster first')).toBeVisible();
    expect(screen.getByRole('textbox', { name: 'CPU limit' })).toBeVisible();
    expect(
      screen.getByText(/^Fill in .* to check the request\.$/),
    ).toBeVisible();
  }, 60_000);
});
