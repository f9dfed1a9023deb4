import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  EventRecord,
  Page,
  PoolRecord,
  PoolSamplesResponse,
  TeamSpend,
  RequestPreview,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { NodePoolsApi } from './NodePoolsApi';
import type {
  ClusterList,
  ClusterSummary,
  DeliveryTarget,
  NewRequest,
  NodePoolsHealth,
  PageQuery,
  PoolListQuery,
  RequestListQuery,
  RequestPreviewResult,
  ServerVerdicts,
} from './types';

type QueryValue = string | number | string[] | undefined;

/** `?a=1&state=x&state=y`: arrays repeat the key, which the backend reads as a list. */
function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const segment = (id: string) => encodeURIComponent(id);

/**
 * A preview body with `warnings` always a list, whatever an older backend sends, and the API
 * server's verdicts when there are any (older backends send none).
 */
function previewResult(body: {
  preview: RequestPreview;
  warnings?: unknown;
  server?: unknown;
  delivery?: unknown;
  approvedAt?: unknown;
}): RequestPreviewResult {
  const warnings = Array.isArray(body.warnings)
    ? body.warnings.filter((w): w is string => typeof w === 'string')
    : [];
  const server = body.server as ServerVerdicts | undefined;
  return {
    preview: body.preview,
    warnings,
    ...(Array.isArray(server?.verdicts) ? { server } : {}),
    ...(body.delivery && typeof body.delivery === 'object'
      ? { delivery: body.delivery as DeliveryTarget }
      : {}),
    ...(typeof body.approvedAt === 'string'
      ? { approvedAt: body.approvedAt }
      : {}),
  };
}

/** The {@link NodePoolsApi} over HTTP, against the backend plugin with id `nodepools`. */
export class NodePoolsClient implements NodePoolsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    // The app's fetchApi, not the global fetch: it adds the user's Backstage token.
    this.fetchApi = options.fetchApi;
  }

  async getHealth(): Promise<NodePoolsHealth> {
    return this.call<NodePoolsHealth>('GET', '/health');
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const list = await this.call<ClusterList>('GET', '/clusters');
    return list.items;
  }

  async listPools(query: PoolListQuery = {}): Promise<Page<PoolRecord>> {
    return this.call('GET', `/pools${queryString({ ...query })}`);
  }

  async getPool(id: string): Promise<PoolRecord> {
    return this.call('GET', `/pools/${segment(id)}`);
  }

  async getPoolSamples(id: string, days = 30): Promise<PoolSamplesResponse> {
    return this.call(
      'GET',
      `/pools/${segment(id)}/samples${queryString({ days })}`,
    );
  }

  async getTeamSpend(owner: string): Promise<TeamSpend> {
    return this.call('GET', `/team-spend${queryString({ owner })}`);
  }

  async getPoolHistory(
    id: string,
    page: PageQuery = {},
  ): Promise<Page<EventRecord>> {
    return this.call(
      'GET',
      `/pools/${segment(id)}/history${queryString({ ...page })}`,
    );
  }

  async createRequest(request: NewRequest): Promise<RequestRecord> {
    return this.call('POST', '/requests', request);
  }

  async previewRequest(request: NewRequest): Promise<RequestPreviewResult> {
    const body = await this.call<{
      preview: RequestPreview;
      warnings?: unknown;
      server?: unknown;
    }>('POST', '/requests', { ...request, dryRun: true });
    return previewResult(body);
  }

  async listRequests(
    query: RequestListQuery = {},
  ): Promise<Page<RequestRecord>> {
    return this.call('GET', `/requests${queryString({ ...query })}`);
  }

  async getRequest(id: string): Promise<RequestRecord> {
    return this.call('GET', `/requests/${segment(id)}`);
  }

  async getRequestPreview(id: string): Promise<RequestPreviewResult> {
    const body = await this.call<{
      preview: RequestPreview;
      warnings?: unknown;
      server?: unknown;
      approvedAt?: unknown;
    }>('GET', `/requests/${segment(id)}/preview`);
    return previewResult(body);
  }

  async getRequestHistory(
    id: string,
    page: PageQuery = {},
  ): Promise<Page<EventRecord>> {
    return this.call(
      'GET',
      `/requests/${segment(id)}/history${queryString({ ...page })}`,
    );
  }

  async approveRequest(id: string, comment?: string): Promise<RequestRecord> {
    return this.call(
      'POST',
      `/requests/${segment(id)}/approve`,
      comment ? { comment } : {},
    );
  }

  async rejectRequest(id: string, comment: string): Promise<RequestRecord> {
    return this.call('POST', `/requests/${segment(id)}/reject`, { comment });
  }

  async cancelRequest(id: string, comment?: string): Promise<RequestRecord> {
    return this.call(
      'POST',
      `/requests/${segment(id)}/cancel`,
      comment ? { comment } : {},
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<T> {
    // Resolved per request so that discovery can move the backend without a page reload.
    const baseUrl = await this.discoveryApi.getBaseUrl('nodepools');
    const init: RequestInit =
      method === 'GET'
        ? { headers: { Accept: 'application/json' } }
        : {
            method,
            headers: {
              Accept: 'application/json',
              'Content-Type': 'application/json',
            },
            body: JSON.stringify(body ?? {}),
          };
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      // Parses Backstage's error body (with a 400's fieldErrors and violations) so the UI can
      // show the backend's own message.
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
