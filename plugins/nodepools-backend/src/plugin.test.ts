import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConfigSources, MutableConfigSource } from '@backstage/config-loader';
import request from 'supertest';
import { nodePoolsPlugin } from './plugin';

const clusters = [
  {
    name: 'local',
    title: 'Local',
    policy: { nodeClasses: ['default'], quorum: 2 },
  },
  { name: 'staging', policy: {} },
];

async function start(
  config: object,
  options: { anonymousByDefault?: boolean } = {},
) {
  const { server } = await startTestBackend({
    features: [
      nodePoolsPlugin,
      mockServices.rootConfig.factory({ data: config }),
      // The test backend treats a request without a token as a signed-in user unless told otherwise.
      ...(options.anonymousByDefault
        ? [
            mockServices.httpAuth.factory({
              defaultCredentials: mockCredentials.none(),
            }),
          ]
        : []),
    ],
  });
  return server;
}

describe('nodepools backend (real plugin on a test backend)', () => {
  it('answers the health route without credentials', async () => {
    const server = await start({ nodepools: { clusters } });
    const res = await request(server).get('/api/nodepools/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok', clusters: 2 });
  });

  it('lists clusters with their policy and no credentials', async () => {
    const server = await start({
      nodepools: {
        clusters: [
          {
            ...clusters[0],
            url: 'https://k8s',
            auth: { type: 'serviceAccount', token: 'secret-token' },
          },
        ],
      },
    });
    const res = await request(server)
      .get('/api/nodepools/clusters')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      name: 'local',
      title: 'Local',
      policy: {
        nodeClasses: ['default'],
        quorum: 2,
        maxPoolLimits: { cpu: '64' },
        // What a request form offers and fills in from.
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
        allowNeverExpire: false,
        defaults: {
          consolidationPolicy: 'WhenEmptyOrUnderutilized',
          consolidateAfter: '30s',
          expireAfter: '720h',
        },
      },
    });
    expect(JSON.stringify(res.body)).not.toContain('secret-token');
  });

  it('refuses anonymous callers on everything but health', async () => {
    const server = await start(
      { nodepools: { clusters } },
      { anonymousByDefault: true },
    );
    expect((await request(server).get('/api/nodepools/clusters')).status).toBe(
      401,
    );
    expect((await request(server).get('/api/nodepools/health')).status).toBe(
      200,
    );
  });

  it('answers 404 naming an unknown cluster', async () => {
    const server = await start({ nodepools: { clusters } });
    const res = await request(server)
      .get('/api/nodepools/clusters/nope')
      .set('Authorization', mockCredentials.user.header());
    expect(res.status).toBe(404);
    expect(res.body.error.message).toContain('nope');
  });

  it('fails at start with a message naming the bad key', async () => {
    await expect(
      start({
        nodepools: {
          clusters: [
            {
              name: 'local',
              policy: { maxPoolLimits: { cpu: 'lots', memory: '1Gi' } },
            },
          ],
        },
      }),
    ).rejects.toThrow(/nodepools\.clusters\[0\]\.policy\.maxPoolLimits\.cpu/);
  });

  it('follows changes of the clusters in a config that notifies its subscribers', async () => {
    // What Backstage's root config does when a config file changes: the same proxy, told of new data.
    const source = MutableConfigSource.create({
      data: { nodepools: { clusters } },
    });
    const rootConfig = await ConfigSources.toConfig(source);
    const backend = await startTestBackend({
      features: [
        nodePoolsPlugin,
        createServiceFactory({
          service: coreServices.rootConfig,
          deps: {},
          factory: () => rootConfig,
        }),
      ],
    });
    const get = (path: string) =>
      request(backend.server)
        .get(`/api/nodepools${path}`)
        .set('Authorization', mockCredentials.user.header());
    const changed = async (nodepools: object) => {
      source.setData({ nodepools });
      // Subscribers are told synchronously once the source yields; one tick covers it.
      await new Promise(resolve => setImmediate(resolve));
    };
    try {
      await changed({
        clusters: [
          { ...clusters[0], policy: { nodeClasses: ['default'], quorum: 1 } },
          { name: 'ml', policy: {} },
        ],
      });
      expect((await get('/clusters/local')).body.policy.quorum).toBe(1);
      expect(
        (await get('/clusters')).body.items.map((c: any) => c.name),
      ).toEqual(['local', 'ml']);
      expect((await get('/health')).body.clusters).toBe(2);
      expect((await get('/clusters/staging')).status).toBe(404);

      // An invalid change is refused and the previous configuration kept.
      await changed({
        clusters: [{ name: 'Not A Label', policy: {} }],
      });
      expect(
        (await get('/clusters')).body.items.map((c: any) => c.name),
      ).toEqual(['local', 'ml']);
    } finally {
      await backend.stop();
      rootConfig.close();
    }
  });
});
