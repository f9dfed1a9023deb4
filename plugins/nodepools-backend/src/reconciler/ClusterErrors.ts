/** The cluster could not be reached at all (connection refused, DNS, TLS, timeout). */
export class ClusterUnreachableError extends Error {
  readonly name = 'ClusterUnreachableError';
  constructor(readonly cluster: string, cause: unknown) {
    super(
      `cluster ${cluster} is unreachable: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
      { cause },
    );
  }
}

/** The API server answered with an error status; `statusCode` says which (403, 409, 422, ...). */
export class ClusterApiError extends Error {
  readonly name = 'ClusterApiError';
  constructor(
    readonly cluster: string,
    readonly statusCode: number,
    operation: string,
    /** The API server's own message (its Status `message`), for showing as it is. */
    readonly detail: string,
  ) {
    super(`${operation} on ${cluster} failed (${statusCode}): ${detail}`);
  }
}

/** An object we would write exists without our managed-by label: it is someone else's. */
export class NotOwnedError extends Error {
  readonly name = 'NotOwnedError';
  constructor(cluster: string, kind: string, name: string) {
    super(
      `${kind} ${name} on ${cluster} exists but is not managed by backstage-nodepools; it was left untouched`,
    );
  }
}

/** The `message` of a Kubernetes Status body, which client-node hands over as text or object. */
export function statusMessage(body: unknown): string | undefined {
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
export function isNetworkError(error: unknown): boolean {
  const e = error as { name?: unknown; type?: unknown; code?: unknown } | null;
  return (
    e?.name === 'FetchError' ||
    e?.type === 'system' ||
    (typeof e?.code === 'string' &&
      /^(E[A-Z]+|UND_ERR_.*|CERT_.*)$/.test(e.code))
  );
}
