import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';

const databases = createTestDatabases();
jest.setTimeout(60_000);

/**
 * Each demo persona against each endpoint, with the suite's permission policy: payments members
 * (bob, erin) request for payments, the platform team (alice) approves and reads everything,
 * search (carol) sees none of it.
 */
describe.each(databases.eachSupportedId())(
  'permission matrix on %s',
  databaseId => {
    let ctx: Awaited<ReturnType<typeof startApi>>;
    let requestId: string;
    let poolId: string;

    beforeAll(async () => {
      ctx = await startApi(await databases.init(databaseId));
      const granted = await ctx
        .as('bob')
        .post('/requests', createRequest({ pool: 'granted' }));
      poolId = (
        await ctx.as('alice').post(`/requests/${granted.body.id}/approve`, {})
      ).body.poolId;
      requestId = (
        await ctx.as('bob').post(
          '/requests',
          createRequest({
            pool: 'pending',
            spec: { ...createRequest().spec, namespaces: ['payments-2'] },
          }),
        )
      ).body.id;
    });

    const persona = (user: string | undefined) =>
      user
        ? ctx.as(user)
        : {
            get: (p: string) => ctx.api.get(`/api/nodepools${p}`),
            post: (p: string, b?: object) =>
              ctx.api.post(`/api/nodepools${p}`).send(b),
          };

    it.each([
      // [who, method, path or body builder, expected status]
      ['alice', 'GET', '/clusters', 200],
      ['carol', 'GET', '/clusters', 200],
      [undefined, 'GET', '/clusters', 401],
      [undefined, 'GET', '/health', 200],
      ['bob', 'POST dry-run', 'payments', 200],
      ['erin', 'POST dry-run', 'payments', 200],
      ['carol', 'POST dry-run', 'payments', 403],
      ['alice', 'POST dry-run', 'payments', 403],
      ['erin', 'POST', 'payments', 201],
      ['carol', 'POST', 'payments', 403],
      ['carol', 'POST', 'search', 201],
      [undefined, 'POST', 'payments', 401],
      ['alice', 'GET', '/requests/:request', 200],
      ['bob', 'GET', '/requests/:request', 200],
      ['carol', 'GET', '/requests/:request', 404],
      ['carol', 'GET', '/requests/:request/history', 404],
      // The approver sees the preview of a request they could not dry-run themselves.
      ['alice', 'GET', '/requests/:request/preview', 200],
      ['bob', 'GET', '/requests/:request/preview', 200],
      ['carol', 'GET', '/requests/:request/preview', 404],
      ['bob', 'GET', '/pools/:pool', 200],
      ['erin', 'GET', '/pools/:pool/history', 200],
      ['carol', 'GET', '/pools/:pool', 404],
      ['dave', 'GET', '/pools/:pool', 404],
      ['carol', 'POST', '/requests/:request/approve', 404],
      ['bob', 'POST', '/requests/:request/approve', 403],
      ['erin', 'POST', '/requests/:request/reject', 403],
      ['erin', 'POST', '/requests/:request/cancel', 403],
    ] as const)('%s %s %s → %i', async (who, method, target, status) => {
      const path = target
        .replace(':request', requestId)
        .replace(':pool', poolId);
      const client = persona(who);
      let res;
      if (method === 'GET') res = await client.get(path);
      else if (path.startsWith('/'))
        res = await client.post(
          path,
          path.endsWith('/reject') ? { comment: 'not now' } : {},
        );
      else {
        const team = path;
        const body = createRequest({
          owner: `group:default/${team}`,
          pool: `${who}-pool`,
          spec: { ...createRequest().spec, namespaces: [`${team}-${who}`] },
        });
        res = await client.post(
          '/requests',
          method === 'POST dry-run' ? { ...body, dryRun: true } : body,
        );
      }
      expect(res.status).toBe(status);
    });

    it.each([
      ['alice', ['granted', 'pending', 'erin-pool', 'carol-pool']],
      ['bob', ['granted', 'pending', 'erin-pool']],
      ['carol', ['carol-pool']],
      ['dave', []],
    ])('%s lists only the requests they may read', async (who, pools) => {
      const res = await ctx.as(who).get('/requests?order=oldest&limit=200');
      expect(res.status).toBe(200);
      expect(res.body.items.map((r: any) => r.pool)).toEqual(pools);
    });

    it('lets the approver decide, and the requester cancel', async () => {
      expect(
        (await ctx.as('bob').post(`/requests/${requestId}/cancel`, {})).status,
      ).toBe(200);
      const again = await ctx
        .as('alice')
        .post(`/requests/${requestId}/approve`, {});
      expect(again.status).toBe(409);
    });
  },
);
