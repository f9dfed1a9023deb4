import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  Page,
  PoolRecord,
  RequestPreviewResult,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';

/** Field errors and policy violations of a refused request, as the backend lists them. */
export class NodePoolsRequestRefusedError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Array<{ path: string; message: string }>,
    readonly violations: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'NodePoolsRequestRefusedError';
  }
}

/**
 * A request's preview as the backend answers it (`RequestPreviewResult` of the common package),
 * with the target API server's verdicts when it asked them.
 */
export type RequestPreviewResponse = RequestPreviewResult;
export type { ServerVerdict } from '@nodepools/plugin-nodepools-common';

const LIVE_PHASES = ['provisioning', 'ready', 'degraded', 'decommissioning'];

/**
 * The NodePools backend's API for other backend plugins and modules. Calls made `onBehalfOf` a
 * user are authorized as that user, so permissions apply to the person, not to the plugin.
 */
export class NodePoolsClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  /** One page of the pools that are not removed. */
  async listLivePools(
    options: { cursor?: string; onBehalfOf?: BackstageCredentials } = {},
  ): Promise<Page<PoolRecord>> {
    const query = new URLSearchParams([
      ['limit', '200'],
      ...LIVE_PHASES.map(p => ['phase', p]),
      ...(options.cursor ? [['cursor', options.cursor]] : []),
    ]);
    return this.call('GET', `/pools?${query}`, options.onBehalfOf);
  }

  /** One pool, or undefined when it is gone (or not readable). */
  async getPool(
    id: string,
    onBehalfOf?: BackstageCredentials,
  ): Promise<PoolRecord | undefined> {
    try {
      return await this.call(
        'GET',
        `/pools/${encodeURIComponent(id)}`,
        onBehalfOf,
      );
    } catch (error) {
      if (error instanceof ResponseError && error.response.status === 404)
        return undefined;
      throw error;
    }
  }

  /** Files a request as the given user. */
  async fileRequest(
    request: object,
    onBehalfOf: BackstageCredentials,
  ): Promise<RequestRecord> {
    return this.call('POST', '/requests', onBehalfOf, request);
  }

  /**
   * The full preview of a request, as the given user, writing nothing: the backend's answer as
   * it is, with the cluster's warnings and the target API server's dry-run verdicts when it asked.
   */
  async previewRequest(
    request: object,
    onBehalfOf: BackstageCredentials,
  ): Promise<RequestPreviewResponse> {
    return this.call('POST', '/requests', onBehalfOf, {
      ...request,
      dryRun: true,
    });
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    onBehalfOf?: BackstageCredentials,
    body?: object,
  ): Promise<T> {
    const baseUrl = await this.discovery.getBaseUrl('nodepools');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: onBehalfOf ?? (await this.auth.getOwnServiceCredentials()),
      targetPluginId: 'nodepools',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    // Parsed by this realm's JSON, not `response.json()`: where fetch lives in another realm (as
    // under jest), its arrays have another prototype, which the scaffolder's templating refuses.
    if (response.ok) return JSON.parse(await response.text()) as T;
    if (
      response.status === 400 ||
      response.status === 403 ||
      response.status === 409
    ) {
      const payload = (await response.json().catch(() => ({}))) as {
        error?: { message?: string };
        fieldErrors?: [];
        violations?: [];
      };
      throw new NodePoolsRequestRefusedError(
        payload.error?.message ?? `refused with ${response.status}`,
        response.status,
        payload.fieldErrors ?? [],
        payload.violations ?? [],
      );
    }
    throw await ResponseError.fromResponse(response);
  }
}
