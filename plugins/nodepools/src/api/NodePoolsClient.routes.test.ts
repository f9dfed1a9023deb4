import { ResponseError } from '@backstage/errors';
import { errorBody, jsonResponse } from '../__fixtures__/contract';
import { fakeBackend } from '../__testUtils__/fakeBackend';
import {
  pendingRequest,
  pendingRequestPreview,
  pendingRequestPreviewBody,
  poolHistory,
  readyPool,
  unpinnedAmiWarning,
} from '../__fixtures__/records';
import { inputProblemsOf } from './inputProblems';

describe('NodePoolsClient routes', () => {
  it('lists pools with owner, cluster, phase and paging in the query', async () => {
    const { client, calls } = fakeBackend(() =>
      jsonResponse(200, { items: [readyPool], nextCursor: 'c2' }),
    );

    const page = await client.listPools({
      owner: 'group:default/payments',
      cluster: 'local',
      phase: ['ready', 'degraded'],
      limit: 20,
      cursor: 'c1',
    });

    expect(page).toEqual({ items: [readyPool], nextCursor: 'c2' });
    expect(calls[0].path).toBe('/pools');
    expect(calls[0].query.get('owner')).toBe('group:default/payments');
    expect(calls[0].query.getAll('phase')).toEqual(['ready', 'degraded']);
    expect(calls[0].query.get('limit')).toBe('20');
    expect(calls[0].query.get('cursor')).toBe('c1');
  });

  it('reads a pool, its history, a request and its history by id', async () => {
    const { client, calls } = fakeBackend(({ path }) => {
      if (path === '/pools/pool-1') return jsonResponse(200, readyPool);
      if (path.endsWith('/history'))
        return jsonResponse(200, { items: poolHistory });
      if (path === '/requests/req-1') return jsonResponse(200, pendingRequest);
      return undefined;
    });

    await expect(client.getPool('pool-1')).resolves.toEqual(readyPool);
    await expect(client.getPoolHistory('pool-1')).resolves.toEqual({
      items: poolHistory,
    });
    await expect(client.getRequest('req-1')).resolves.toEqual(pendingRequest);
    await client.getRequestHistory('req-1', { cursor: 'x' });

    expect(calls.map(c => c.path)).toEqual([
      '/pools/pool-1',
      '/pools/pool-1/history',
      '/requests/req-1',
      '/requests/req-1/history',
    ]);
    expect(calls[3].query.get('cursor')).toBe('x');
  });

  it("reads a team's spend with the owner in the query", async () => {
    const spend = {
      owner: 'group:default/payments',
      budget: { monthly: 5000, currency: 'USD' },
      atCeilings: 554.8,
      unchecked: [],
    };
    const { client, calls } = fakeBackend(() => jsonResponse(200, spend));

    await expect(
      client.getTeamSpend('group:default/payments'),
    ).resolves.toEqual(spend);
    expect(calls[0].path).toBe('/team-spend');
    expect(calls[0].query.get('owner')).toBe('group:default/payments');
  });

  it('lists requests with repeated state, requester and order', async () => {
    const { client, calls } = fakeBackend(() =>
      jsonResponse(200, { items: [pendingRequest] }),
    );

    await client.listRequests({
      state: ['pending', 'approved'],
      requester: 'user:default/alice',
      order: 'newest',
    });

    expect(calls[0].path).toBe('/requests');
    expect(calls[0].query.getAll('state')).toEqual(['pending', 'approved']);
    expect(calls[0].query.get('requester')).toBe('user:default/alice');
    expect(calls[0].query.get('order')).toBe('newest');
  });

  it('previews with dryRun, with the warnings; files without it', async () => {
    const body = pendingRequestPreviewBody();
    const { client, calls } = fakeBackend(({ body: sent }) =>
      sent.dryRun ? jsonResponse(200, body) : jsonResponse(201, pendingRequest),
    );
    const request = {
      kind: 'update' as const,
      owner: pendingRequest.owner,
      cluster: 'local',
      pool: 'general',
      justification: pendingRequest.justification,
      spec: pendingRequest.spec,
    };

    await expect(client.previewRequest(request)).resolves.toEqual({
      preview: body.preview,
      warnings: [unpinnedAmiWarning],
    });
    await expect(client.createRequest(request)).resolves.toEqual(
      pendingRequest,
    );

    expect(calls[0]).toMatchObject({
      method: 'POST',
      path: '/requests',
      body: { ...request, dryRun: true },
    });
    expect(calls[1].body).toEqual(request);
  });

  it('reads the preview of a stored request from GET /requests/:id/preview', async () => {
    const body = pendingRequestPreviewBody();
    const { client, calls } = fakeBackend(({ path }) =>
      path === '/requests/req%2F1/preview' || path === '/requests/req-1/preview'
        ? jsonResponse(200, body)
        : undefined,
    );

    await expect(client.getRequestPreview('req-1')).resolves.toEqual(body);
    await client.getRequestPreview('req/1');

    expect(calls.map(c => [c.method, c.path, c.body])).toEqual([
      ['GET', '/requests/req-1/preview', undefined],
      ['GET', '/requests/req%2F1/preview', undefined],
    ]);
  });

  it("keeps the target API server's verdicts of the preview", async () => {
    const body = {
      ...pendingRequestPreviewBody(),
      server: {
        cluster: 'local',
        validator: 'Karpenter CRDs',
        verdicts: [
          {
            kind: 'NodePool',
            name: 'payments.general',
            verdict: 'accepted' as const,
            message: "accepted by local's API server",
          },
        ],
      },
    };
    const { client } = fakeBackend(() => jsonResponse(200, body));

    await expect(client.getRequestPreview('req-1')).resolves.toEqual(body);
    await expect(
      client.previewRequest({
        kind: 'create',
        owner: 'group:default/payments',
        cluster: 'local',
        pool: 'general',
        justification: 'j',
      } as any),
    ).resolves.toEqual(body);
  });

  it('keeps when an approved request was approved with the preview it was approved on', async () => {
    const body = {
      ...pendingRequestPreviewBody(),
      approvedAt: '2026-11-24T10:05:00.000Z',
    };
    const { client } = fakeBackend(() => jsonResponse(200, body));

    await expect(client.getRequestPreview('req-1')).resolves.toEqual(body);
  });

  it('reads a preview without warnings (an older backend) as no warnings', async () => {
    const preview = pendingRequestPreview();
    const { client } = fakeBackend(() => jsonResponse(200, { preview }));

    await expect(client.getRequestPreview('req-1')).resolves.toEqual({
      preview,
      warnings: [],
    });
  });

  it('rejects the preview of a decided request with the 409', async () => {
    const { client } = fakeBackend(() =>
      jsonResponse(
        409,
        errorBody(409, 'ConflictError', 'request req-1 is approved'),
      ),
    );

    const error = await client.getRequestPreview('req-1').catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
  });

  it('posts approve, reject and cancel with their comments', async () => {
    const { client, calls } = fakeBackend(() =>
      jsonResponse(200, pendingRequest),
    );

    await client.approveRequest('req-1');
    await client.approveRequest('req-1', 'ok');
    await client.rejectRequest('req-1', 'too large');
    await client.cancelRequest('req-1');

    expect(calls.map(c => [c.method, c.path, c.body])).toEqual([
      ['POST', '/requests/req-1/approve', {}],
      ['POST', '/requests/req-1/approve', { comment: 'ok' }],
      ['POST', '/requests/req-1/reject', { comment: 'too large' }],
      ['POST', '/requests/req-1/cancel', {}],
    ]);
  });

  it("surfaces a 400's field errors and policy violations", async () => {
    const { client } = fakeBackend(() =>
      jsonResponse(400, {
        ...errorBody(400, 'InputError', 'spec.limits.cpu: exceeds'),
        fieldErrors: [{ path: 'justification', message: 'too short' }],
        violations: [
          {
            path: 'spec.limits.cpu',
            message: 'exceeds the per-pool maximum',
            asked: '128',
            allowed: '64',
          },
        ],
      }),
    );

    const error = await client.rejectRequest('req-1', 'no').catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(inputProblemsOf(error)).toEqual({
      fieldErrors: [{ path: 'justification', message: 'too short' }],
      violations: [
        {
          path: 'spec.limits.cpu',
          message: 'exceeds the per-pool maximum',
          asked: '128',
          allowed: '64',
        },
      ],
    });
    expect(inputProblemsOf(new Error('x'))).toBeUndefined();
  });
});
