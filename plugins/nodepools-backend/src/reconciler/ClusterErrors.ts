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
