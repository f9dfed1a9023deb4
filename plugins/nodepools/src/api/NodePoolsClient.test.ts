import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import {
  clustersBody,
  errorBody,
  healthyBody,
  jsonResponse,
} from '../__fixtures__/contract';
import { NodePoolsClient } from './NodePoolsClient';

const baseUrl = 'http://localhost:7007/api/nodepools';

function createClient(respond: (url: string) => Response | Promise<Response>) {
  const fetchImpl = jest.fn(async (input: RequestInfo | URL) =>
    respond(String(input instanceof Request ? input.url : input)),
  );
  const client = new NodePoolsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch: fetchImpl },
  });
  return { client, fetchImpl };
}

describe('NodePoolsClient', () => {
  it('reads the health from GET /api/nodepools/health', async () => {
    const { client, fetchImpl } = createClient(() =>
      jsonResponse(200, healthyBody),
    );

    await expect(client.getHealth()).resolves.toEqual(healthyBody);
    expect(fetchImpl).toHaveBeenCalledTimes(1);
    expect(fetchImpl.mock.calls[0][0]).toBe(`${baseUrl}/health`);
  });

  it('lists clusters with their health from GET /api/nodepools/clusters, unwrapping items', async () => {
    const { client, fetchImpl } = createClient(() =>
      jsonResponse(200, clustersBody),
    );

    const clusters = await client.listClusters();
    expect(clusters).toEqual(clustersBody.items);
    expect(clusters.map(c => c.health?.state)).toEqual([
      'healthy',
      'unreachable',
    ]);
    expect(fetchImpl.mock.calls[0][0]).toBe(`${baseUrl}/clusters`);
  });

  it('asks discovery for the nodepools plugin on every call', async () => {
    const discoveryApi = mockApis.discovery.mock({
      getBaseUrl: async pluginId => `https://backstage.test/api/${pluginId}`,
    });
    const fetchImpl = jest.fn(async () => jsonResponse(200, healthyBody));
    const client = new NodePoolsClient({
      discoveryApi,
      fetchApi: { fetch: fetchImpl },
    });

    await client.getHealth();
    await client.getHealth();

    expect(discoveryApi.getBaseUrl).toHaveBeenCalledTimes(2);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('nodepools');
    expect(fetchImpl).toHaveBeenCalledWith(
      'https://backstage.test/api/nodepools/health',
      expect.anything(),
    );
  });

  it("rejects a non-2xx response with a ResponseError carrying the backend's message", async () => {
    const { client } = createClient(() =>
      jsonResponse(
        503,
        errorBody(503, 'ServiceUnavailableError', 'database is unreachable'),
      ),
    );

    const error = await client.getHealth().catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(503);
    expect(error.cause.name).toBe('ServiceUnavailableError');
    expect(error.cause.message).toBe('database is unreachable');
  });

  it('rejects a non-JSON error response too, with its status', async () => {
    const { client } = createClient(
      () => new Response('<html>Bad gateway</html>', { status: 502 }),
    );

    const error = await client.listClusters().catch(e => e);

    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(502);
  });

  it('passes a network failure through unchanged', async () => {
    const { client } = createClient(() => {
      throw new TypeError('Failed to fetch');
    });

    await expect(client.listClusters()).rejects.toThrow(
      new TypeError('Failed to fetch'),
    );
  });
});
