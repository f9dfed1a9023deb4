/** A `Status` object returned by the API server with a non-2xx response. */
export interface KubeStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: {
    name?: string;
    kind?: string;
    causes?: Array<{ reason?: string; message?: string; field?: string }>;
  };
}

/** A non-2xx answer from the API server, with its HTTP status and decoded `Status` body. */
export class KubeApiError extends Error {
  readonly statusCode: number;
  readonly status: KubeStatus;

  constructor(
    method: string,
    path: string,
    statusCode: number,
    status: KubeStatus,
  ) {
    super(
      `${method} ${path} -> ${statusCode} ${status.reason ?? ''}: ${
        status.message ?? ''
      }`,
    );
    this.name = 'KubeApiError';
    this.statusCode = statusCode;
    this.status = status;
  }
}
