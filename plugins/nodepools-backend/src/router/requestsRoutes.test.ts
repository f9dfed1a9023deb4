import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRequest, rowCounts } from '../__testUtils__/fixtures';
import { startApi } from '../__testUtils__/startApi';

const databases = createTestDatabases();
jest.setTimeout(60_000);

describe.each(databases.eachSupportedId())('requests API on %s', databaseId => {
  const start = async (policy: Record<string, unknown> = {}) => {
    const knex = await databases.init(databaseId);
    return { knex, ...(await startApi(knex, policy)) };
  };

  it('files, lists, approves and shows a request with its history', async () => {
    const { as } = await start();
    const filed = await as('bob').post('/requests', createRequest());
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      state: 'pending',
      requester: 'user:default/bob',
    });

    const queue = await as('alice').get('/requests?state=pending');
    expect(queue.status).toBe(200);
    expect(queue.body.items.map((r: any) => r.id)).toEqual([filed.body.id]);

    const approved = await as('alice').post(
      `/requests/${filed.body.id}/approve`,
      { comment: 'ok' },
    );
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');

    const pools = await as('bob').get('/pools');
    expect(pools.body.items).toEqual([
      expect.objectContaining({
        name: 'pci',
        phase: 'provisioning',
        id: approved.body.poolId,
      }),
    ]);
    const history = await as('bob').get(
      `/pools/${approved.body.poolId}/history`,
    );
    expect(history.body.items.map((e: any) => e.type)).toEqual([
      'request.approved',
      'pool.created',
    ]);
  });

  it('authorises the owner the request is filed for, as the schema reads it', async () => {
    const { as, knex } = await start();
    // "default/payments" is the payments group: authorised and filed as that group, not as
    // a second reading of the raw text (which once made it "group:default/default/payments").
    const filed = await as('bob').post(
      '/requests',
      createRequest({ owner: 'default/payments' }),
    );
    expect(filed.status).toBe(201);
    expect(filed.body.owner).toBe('group:default/payments');
    // Another team's group, however it is written, is refused before anything is written.
    const before = await rowCounts(knex);
    const other = await as('bob').post(
      '/requests',
      createRequest({ owner: 'default/search', pool: 'search' }),
    );
    expect(other.status).toBe(403);
    expect(await rowCounts(knex)).toEqual(before);
  });

  it('shows an approved request the preview it was approved on, after its pool changed again', async () => {
    const { as } = await start();
    const filed = await as('bob').post('/requests', createRequest());
    const pending = await as('alice').get(`/requests/${filed.body.id}/preview`);
    expect(pending.status).toBe(200);
    expect(pending.body.approvedAt).toBeUndefined();
    const approved = await as('alice').post(
      `/requests/${filed.body.id}/approve`,
      { comment: 'sized right' },
    );
    expect(approved.status).toBe(200);

    // A later change of the same pool: a live preview of the first request would now differ.
    const update = await as('bob').post(
      '/requests',
      createRequest({
        kind: 'update',
        spec: {
          ...createRequest().spec,
          limits: { cpu: '20', memory: '64Gi' },
        },
      }),
    );
    await as('alice').post(`/requests/${update.body.id}/approve`, {});

    const kept = await as('bob').get(`/requests/${filed.body.id}/preview`);
    expect(kept.status).toBe(200);
    expect(kept.body.approvedAt).toBe(approved.body.updatedAt);
    expect(kept.body.preview).toEqual(pending.body.preview);
    expect(kept.body.warnings).toEqual(pending.body.warnings);

    const history = await as('bob').get(`/requests/${filed.body.id}/history`);
    expect(history.body.items[0].message).toContain('"sized right"');

    const rejected = await as('bob').post(
      '/requests',
      createRequest({
        pool: 'other',
        spec: { ...createRequest().spec, namespaces: ['other'] },
      }),
    );
    await as('alice').post(`/requests/${rejected.body.id}/reject`, {
      comment: 'not needed',
    });
    const none = await as('alice').get(`/requests/${rejected.body.id}/preview`);
    expect(none.status).toBe(409);
  });

  it('previews without writing anything', async () => {
    const { as, knex } = await start();
    const before = await rowCounts(knex);
    const res = await as('bob').post('/requests', {
      ...createRequest(),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.preview.manifests[0]).toMatchObject({
      kind: 'NodePool',
      metadata: { name: 'payments.pci' },
    });
    expect(res.body.preview.policy.allowed).toBe(true);
    expect(await rowCounts(knex)).toEqual(before);
  });

  it('previews an update as a diff against the granted pool, with its drift impact', async () => {
    const { as } = await start();
    const filed = await as('bob').post('/requests', createRequest());
    await as('alice').post(`/requests/${filed.body.id}/approve`, {});
    const spec = {
      ...createRequest().spec,
      expireAfter: '168h',
      limits: { cpu: '20', memory: '64Gi' },
    };
    const res = await as('bob').post('/requests', {
      ...createRequest({ kind: 'update', spec }),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.preview.diff.changes.map((c: any) => c.path)).toEqual([
      'metadata.annotations.nodepools.backstage.io/generation',
      'metadata.annotations.nodepools.backstage.io/request-id',
      'spec.limits.cpu',
      'spec.template.spec.expireAfter',
    ]);
    expect(res.body.preview.diff.impact).toBe('all-nodes');
    expect(res.body.preview.budgetAfter.cpu).toBe('108');
  });

  it('answers bad input with 400 and the fields at fault', async () => {
    const { as } = await start({ maxPoolLimits: { cpu: '4', memory: '8Gi' } });
    const bad = await as('bob').post(
      '/requests',
      createRequest({ pool: 'No', spec: { limits: { cpu: 'x' } } }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['pool', 'spec.limits.cpu']),
    );
    const policy = await as('bob').post('/requests', createRequest());
    expect(policy.status).toBe(400);
    expect(policy.body.violations.map((v: any) => v.path)).toEqual([
      'spec.limits.cpu',
      'spec.limits.memory',
    ]);
    const query = await as('alice').get('/requests?state=nope&limit=1000');
    expect(query.status).toBe(400);
    expect(query.body.fieldErrors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['query.state', 'query.limit']),
    );
    const reject = await as('alice').post('/requests/whatever/reject', {});
    expect(reject.status).toBe(400);
    expect(reject.body.fieldErrors[0].path).toBe('body.comment');
  });

  it('pages through the queue with a cursor, without gaps or repeats', async () => {
    const { as } = await start({
      teamBudget: { cpu: '10000', memory: '100Ti' },
    });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await as('bob').post(
        '/requests',
        createRequest({
          pool: `pool-${i}`,
          spec: { ...createRequest().spec, namespaces: [`ns-${i}`] },
        }),
      );
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await as('alice').get(
        `/requests?order=oldest&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((r: any) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    expect((await as('alice').get('/requests?cursor=garbage')).status).toBe(
      400,
    );
  });
});
