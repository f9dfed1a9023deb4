import https from 'node:https';
import { KubeApiError } from './KubeApiError.ts';
import type { KubeStatus } from './KubeApiError.ts';
import { objectPath } from './resourcePath.ts';
import type { KubeObject, ObjectReference } from './resourcePath.ts';

/** Where and as whom to connect. */
export interface KubeCredentials {
  server: string;
  /** Base64 of the PEM bundle that signed the serving certificate. */
  caData: string;
  token: string;
}

/** Options of one request. */
export interface KubeRequestOptions {
  body?: unknown;
  contentType?: string;
  query?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * A small JSON client for the few calls this package makes (bootstrap, readiness, CRD install).
 * The harness avoids @kubernetes/client-node at runtime so `yarn cluster:start` runs with plain
 * `node` and no transpiler; tests that want the real client read the kubeconfig instead.
 */
export class KubeClient {
  readonly credentials: KubeCredentials;
  private readonly agent: https.Agent;

  constructor(credentials: KubeCredentials) {
    this.credentials = credentials;
    this.agent = new https.Agent({
      ca: Buffer.from(credentials.caData, 'base64'),
      keepAlive: true,
    });
  }

  /** Sends one request; resolves with the decoded JSON body, rejects with {@link KubeApiError}. */
  request<T = unknown>(
    method: string,
    path: string,
    options: KubeRequestOptions = {},
  ): Promise<T> {
    const url = new URL(path, this.credentials.server);
    for (const [key, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    let payload: string | undefined;
    if (typeof options.body === 'string') payload = options.body;
    else if (options.body !== undefined) payload = JSON.stringify(options.body);
    return new Promise<T>((resolve, reject) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          timeout: options.timeoutMs ?? 30_000,
          headers: {
            Authorization: `Bearer ${this.credentials.token}`,
            Accept: 'application/json',
            ...(payload === undefined
              ? {}
              : {
                  'Content-Type': options.contentType ?? 'application/json',
                  'Content-Length': Buffer.byteLength(payload),
                }),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: unknown = text;
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              // plain-text answers such as /readyz
            }
            const code = res.statusCode ?? 0;
            if (code >= 200 && code < 300) resolve(body as T);
            else {
              const status: KubeStatus =
                typeof body === 'object' && body !== null
                  ? (body as KubeStatus)
                  : { message: String(text) };
              reject(new KubeApiError(method, url.pathname, code, status));
            }
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${url} timed out`)),
      );
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  /** Server-side apply of one object under a field manager (creates or updates). */
  apply<T = unknown>(
    object: KubeObject,
    fieldManager: string,
    options: {
      fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
      dryRun?: boolean;
    } = {},
  ): Promise<T> {
    return this.request<T>('PATCH', objectPath(object), {
      body: object,
      contentType: 'application/apply-patch+yaml',
      query: {
        fieldManager,
        force: 'true',
        fieldValidation: options.fieldValidation ?? 'Strict',
        ...(options.dryRun ? { dryRun: 'All' } : {}),
      },
    });
  }

  /** Creates one object (POST to its collection). */
  create<T = unknown>(
    object: KubeObject,
    options: {
      fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
      dryRun?: boolean;
    } = {},
  ): Promise<T> {
    const path = objectPath(object).replace(/\/[^/]+$/, '');
    return this.request<T>('POST', path, {
      body: object,
      query: {
        ...(options.fieldValidation
          ? { fieldValidation: options.fieldValidation }
          : {}),
        ...(options.dryRun ? { dryRun: 'All' } : {}),
      },
    });
  }

  /** Deletes one object; a missing object is not an error. */
  async delete(object: ObjectReference): Promise<void> {
    try {
      await this.request('DELETE', objectPath(object));
    } catch (error) {
      if (!(error instanceof KubeApiError && error.statusCode === 404))
        throw error;
    }
  }

  /** Closes kept-alive sockets so a test or CLI process can exit promptly. */
  close(): void {
    this.agent.destroy();
  }
}
