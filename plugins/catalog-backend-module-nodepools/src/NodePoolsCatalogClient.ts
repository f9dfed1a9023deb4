import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { Page, PoolRecord } from '@nodepools/plugin-nodepools-common';

/** What the entity provider needs from the NodePools backend. */
export interface NodePoolsCatalogSource {
  /** One page of the pools that are not removed. */
  listPools(cursor?: string): Promise<Page<PoolRecord>>;
  /** One pool, or undefined when it is gone. */
  getPool(id: string): Promise<PoolRecord | undefined>;
}

const LIVE_PHASES = ['provisioning', 'ready', 'degraded', 'decommissioning'];

/** Reads pools from the NodePools backend over HTTP, as the catalog plugin's own service identity. */
export class NodePoolsCatalogClient implements NodePoolsCatalogSource {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async listPools(cursor?: string): Promise<Page<PoolRecord>> {
    const query = new URLSearchParams([
      ['limit', '200'],
      ...LIVE_PHASES.map(p => ['phase', p]),
      ...(cursor ? [['cursor', cursor]] : []),
    ]);
    return this.get(`/pools?${query}`);
  }

  async getPool(id: string): Promise<PoolRecord | undefined> {
    try {
      return await this.get(`/pools/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404)
        return undefined;
      throw error;
    }
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('nodepools');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'nodepools',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
