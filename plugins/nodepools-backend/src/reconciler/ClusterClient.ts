import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  PatchStrategy,
} from '@kubernetes/client-node';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import { ClusterApiError, ClusterUnreachableError } from './ClusterErrors';
import type { KubeObject } from './KubeObject';
import { FIELD_MANAGER } from './ownership';

const TOO_MANY_REQUESTS_ATTEMPTS = 5;

/** Names one object: enough to read or delete it. */
export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind'> & {
  metadata: { name: string; namespace?: string };
};

/**
 * The reconciler's view of one cluster: server-side apply, get, list and delete, nothing else.
 * Errors come out typed: {@link ClusterUnreachableError} when no HTTP answer arrived (the
 * cluster is down, not the request wrong), {@link ClusterApiError} with the status otherwise.
 */
export class ClusterClient {
  private readonly api: KubernetesObjectApi;

  /** A client for a configured cluster, authenticated with its service-account token. */
  static fromConfig(cluster: ClusterConfig): ClusterClient {
    if (!cluster.url)
      throw new Error(`cluster ${cluster.name} has no url configured`);
    return new ClusterClient(cluster.name, {
      server: cluster.url,
      caData: cluster.caData,
      token: cluster.auth?.token,
    });
  }

  constructor(
    readonly cluster: string,
    connection: { server: string; caData?: string; token?: string },
  ) {
    const config = new KubeConfig();
    config.loadFromClusterAndUser(
      {
        name: cluster,
        server: connection.server,
        caData: connection.caData,
        skipTLSVerify: false,
      },
      { name: 'nodepools-reconciler', token: connection.token },
    );
    this.api = KubernetesObjectApi.makeApiClient(config);
  }

  /** The object, or undefined when it does not exist. */
  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      return (await this.call('get', ref, () =>
        this.api.read(ref),
      )) as KubeObject;
    } catch (error) {
      if (error instanceof ClusterApiError && error.statusCode === 404)
        return undefined;
      throw error;
    }
  }

  /** Every object of a kind (cluster-wide), optionally filtered by a label selector. */
  async list(
    apiVersion: string,
    kind: string,
    labelSelector?: string,
  ): Promise<KubeObject[]> {
    const ref = { apiVersion, kind, metadata: { name: '' } };
    const result = await this.call('list', ref, () =>
      this.api.list(
        apiVersion,
        kind,
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
        labelSelector,
      ),
    );
    return result.items as KubeObject[];
  }

  /**
   * Server-side apply under our field manager. `force` takes fields over from other managers,
   * which is right only for objects we own (the callers check the label first); without it a
   * field someone else manages is a 409 conflict rather than a silent overwrite.
   */
  async apply(
    object: KubeObject,
    options: { force: boolean; dryRun?: boolean },
  ): Promise<KubeObject> {
    return (await this.call('apply', object, () =>
      this.api.patch(
        object as KubernetesObject,
        undefined,
        options.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        options.force,
        PatchStrategy.ServerSideApply,
      ),
    )) as KubeObject;
  }

  /** Deletes the object; false when it was already gone. */
  async delete(ref: ObjectRef): Promise<boolean> {
    try {
      await this.call('delete', ref, () => this.api.delete(ref));
      return true;
    } catch (error) {
      if (error instanceof ClusterApiError && error.statusCode === 404)
        return false;
      throw error;
    }
  }

  private async call<T>(
    verb: string,
    ref: ObjectRef,
    fn: () => Promise<T>,
  ): Promise<T> {
    // 429 means "not now" (priority and fairness, or a cache still warming up): worth a short wait.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.callOnce(verb, ref, fn);
      } catch (error) {
        if (
          !(error instanceof ClusterApiError && error.statusCode === 429) ||
          attempt >= TOO_MANY_REQUESTS_ATTEMPTS
        )
          throw error;
        await new Promise(resolve => setTimeout(resolve, 250 * attempt));
      }
    }
  }

  private async callOnce<T>(
    verb: string,
    ref: ObjectRef,
    fn: () => Promise<T>,
  ): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      const operation = `${verb} ${ref.kind}${
        ref.metadata.name ? ` ${ref.metadata.name}` : ''
      }`;
      if (error instanceof ApiException) {
        throw new ClusterApiError(
          this.cluster,
          error.code,
          operation,
          statusMessage(error.body) ?? error.message,
        );
      }
      if (isNetworkError(error))
        throw new ClusterUnreachableError(this.cluster, error);
      throw error;
    }
  }
}

/** The `message` of a Kubernetes Status body, which client-node hands over as text or object. */
function statusMessage(body: unknown): string | undefined {
  let parsed = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      return body || undefined;
    }
  }
  const message = (parsed as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** No HTTP answer at all: node-fetch's system errors (refused, reset, DNS, TLS, timeout). */
function isNetworkError(error: unknown): boolean {
  const e = error as { name?: unknown; type?: unknown; code?: unknown } | null;
  return (
    e?.name === 'FetchError' ||
    e?.type === 'system' ||
    (typeof e?.code === 'string' &&
      /^(E[A-Z]+|UND_ERR_.*|CERT_.*)$/.test(e.code))
  );
}
