import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { NodePoolsApi } from './NodePoolsApi';
import type { ClusterList, ClusterSummary, NodePoolsHealth } from './types';

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
    return this.get<NodePoolsHealth>('/health');
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const list = await this.get<ClusterList>('/clusters');
    return list.items;
  }

  private async get<T>(path: string): Promise<T> {
    // Resolved per request so that discovery can move the backend without a page reload.
    const baseUrl = await this.discoveryApi.getBaseUrl('nodepools');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      // Parses Backstage's error body so the UI can show the backend's own message.
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
