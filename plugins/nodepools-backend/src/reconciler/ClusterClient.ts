import {
  ApiException,
  KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  PatchStrategy,
  Watch,
} from '@kubernetes/client-node';
import {
  ClusterApiError,
  ClusterUnreachableError,
  isNetworkError,
  statusMessage,
} from './ClusterErrors';
import type { KubeObject } from './KubeObject';
import { FIELD_MANAGER } from './ownership';

const TOO_MANY_REQUESTS_ATTEMPTS = 5;

/** Names one object: enough to read or delete it. */
export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind'> & {
  metadata: { name: string; namespace?: string };
};

/** Where a cluster is and how to authenticate to it. */
export interface ClusterConnection {
  server: string;
  caData?: string;
  /** A fixed bearer token (a service account's). */
  token?: string;
  /** Or a source of short-lived tokens (EKS IAM), asked before every call; it caches. */
  tokenSource?: () => Promise<string>;
}

/** API calls made so far, by kind: what the benchmark and the "no writes when converged" checks count. */
export interface ClusterCallCounts {
  reads: number;
  writes: number;
  /** Of the writes, those to the cluster-wide admission policies and bindings. */
  tenancyWrites: number;
}

/** One change a watch reports. */
export type WatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
};

/**
 * The reconciler's view of one cluster: server-side apply, get, list, delete and watch, nothing
 * else. Errors come out typed: {@link ClusterUnreachableError} when no HTTP answer arrived (the
 * cluster is down, not the request wrong), {@link ClusterApiError} with the status otherwise.
 */
export class ClusterClient {
  private api: KubernetesObjectApi;
  private kubeConfig: KubeConfig;
  private token: string | undefined;
  private readonly counts: ClusterCallCounts = {
    reads: 0,
    writes: 0,
    tenancyWrites: 0,
  };

  constructor(
    readonly cluster: string,
    private readonly connection: ClusterConnection,
  ) {
    this.token = connection.token;
    this.kubeConfig = this.makeKubeConfig();
    this.api = KubernetesObjectApi.makeApiClient(this.kubeConfig);
  }

  /** Calls made so far (a copy). */
  callCounts(): ClusterCallCounts {
    return { ...this.counts };
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

  /** Every object of a kind (cluster-wide), optionally filtered by label and field selectors. */
  async list(
    apiVersion: string,
    kind: string,
    labelSelector?: string,
    fieldSelector?: string,
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
        fieldSelector,
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
  /**
   * Replaces the whole object (PUT at the given resourceVersion): what undoes someone else's
   * additions to a set-typed list, which a forced apply keeps since it only removes what it owned.
   */
  async replace(object: KubeObject): Promise<KubeObject> {
    return (await this.call('replace', object, () =>
      this.api.replace(
        object as KubernetesObject,
        undefined,
        undefined,
        FIELD_MANAGER,
      ),
    )) as KubeObject;
  }

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

  /**
   * Watches a collection (`path` like `/apis/karpenter.sh/v1/nodepools`) from now on. `onEvent`
   * gets every change; `onEnd` is called once when the watch ends (the server closes watches
   * every few minutes, or the cluster went away), and the caller decides whether to watch again.
   */
  async watch(
    path: string,
    labelSelector: string | undefined,
    onEvent: (event: WatchEvent) => void,
    onEnd: (error?: unknown) => void,
  ): Promise<{ stop: () => void }> {
    await this.authenticate();
    this.counts.reads += 1;
    let ended = false;
    const end = (error?: unknown) => {
      if (ended) return;
      ended = true;
      onEnd(error);
    };
    const controller = await new Watch(this.kubeConfig).watch(
      path,
      {
        ...(labelSelector ? { labelSelector } : {}),
        allowWatchBookmarks: true,
      },
      (type, object) => onEvent({ type: type as WatchEvent['type'], object }),
      end,
    );
    return {
      stop: () => {
        ended = true;
        controller.abort();
      },
    };
  }

  private makeKubeConfig(): KubeConfig {
    const config = new KubeConfig();
    config.loadFromClusterAndUser(
      {
        name: this.cluster,
        server: this.connection.server,
        caData: this.connection.caData,
        skipTLSVerify: false,
      },
      { name: 'nodepools-reconciler', token: this.token },
    );
    return config;
  }

  /** Short-lived tokens: ask the source (which caches) and rebuild the client when it changed. */
  private async authenticate(): Promise<void> {
    if (!this.connection.tokenSource) return;
    let token: string;
    try {
      token = await this.connection.tokenSource();
    } catch (error) {
      throw new ClusterApiError(
        this.cluster,
        401,
        'authenticate',
        `could not get a token: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
    if (token === this.token) return;
    this.token = token;
    this.kubeConfig = this.makeKubeConfig();
    this.api = KubernetesObjectApi.makeApiClient(this.kubeConfig);
  }

  private async call<T>(
    verb: string,
    ref: ObjectRef,
    fn: () => Promise<T>,
  ): Promise<T> {
    await this.authenticate();
    if (verb === 'get' || verb === 'list') this.counts.reads += 1;
    else {
      this.counts.writes += 1;
      if (ref.kind.startsWith('ValidatingAdmissionPolicy'))
        this.counts.tenancyWrites += 1;
    }
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
