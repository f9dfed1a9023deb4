/** `GET /health`: whether the backend, its database and its cluster configuration are usable. */
export interface NodePoolsHealth {
  /** `ok` when the backend is healthy, `degraded` when its database does not answer. */
  status: string;
  /** `ok` when the backend can reach its database, else `unavailable`. */
  database: string;
  /** How many clusters the backend has configured. */
  clusters: number;
}
