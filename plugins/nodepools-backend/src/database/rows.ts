import type {
  EventRecord,
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';

/** Timestamps come back as Date from PostgreSQL and as text from SQLite; the API speaks ISO 8601. */
export const iso = (value: unknown): string =>
  value instanceof Date
    ? value.toISOString()
    : new Date(String(value)).toISOString();

const json = <T>(text: unknown): T | undefined =>
  typeof text === 'string' && text !== '' ? (JSON.parse(text) as T) : undefined;
const optional = <T>(value: T | null | undefined): T | undefined =>
  value === null ? undefined : value;

/** A pools row as a record. */
export function poolFromRow(row: any): PoolRecord & { version: number } {
  return {
    id: row.id,
    cluster: row.cluster,
    owner: row.owner,
    name: row.name,
    phase: row.phase,
    spec: JSON.parse(row.spec),
    description: optional(row.description),
    generation: Number(row.generation),
    appliedGeneration:
      row.applied_generation === null
        ? undefined
        : Number(row.applied_generation),
    approvedRequestId: optional(row.approved_request_id),
    expiresAt: row.expires_at ? iso(row.expires_at) : undefined,
    status: json(row.status),
    lastError: optional(row.last_error),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    version: Number(row.version),
  };
}

/** A pool record as a row. */
export function poolToRow(pool: PoolRecord) {
  return {
    id: pool.id,
    cluster: pool.cluster,
    owner: pool.owner,
    name: pool.name,
    phase: pool.phase,
    spec: JSON.stringify(pool.spec),
    description: pool.description ?? null,
    generation: pool.generation,
    applied_generation: pool.appliedGeneration ?? null,
    approved_request_id: pool.approvedRequestId ?? null,
    expires_at: pool.expiresAt ?? null,
    status: pool.status ? JSON.stringify(pool.status) : null,
    last_error: pool.lastError ?? null,
    version: 1,
    created_at: pool.createdAt,
    updated_at: pool.updatedAt,
  };
}

/** A requests row as a record (decisions are joined separately). */
export function requestFromRow(
  row: any,
): Omit<RequestRecord, 'decisions'> & { version: number } {
  return {
    id: row.id,
    kind: row.kind,
    cluster: row.cluster,
    owner: row.owner,
    pool: row.pool_name,
    poolId: optional(row.pool_id),
    spec: json(row.spec),
    lifetime: optional(row.lifetime),
    justification: row.justification,
    requester: row.requester,
    state: row.state,
    policy: JSON.parse(row.policy_result),
    reason: optional(row.reason),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    expiresAt: iso(row.expires_at),
    version: Number(row.version),
  };
}

/** A request record as a row. */
export function requestToRow(request: Omit<RequestRecord, 'decisions'>) {
  return {
    id: request.id,
    kind: request.kind,
    cluster: request.cluster,
    owner: request.owner,
    pool_name: request.pool,
    pool_id: request.poolId ?? null,
    spec: request.spec ? JSON.stringify(request.spec) : null,
    lifetime: request.lifetime ?? null,
    justification: request.justification,
    requester: request.requester,
    state: request.state,
    policy_result: JSON.stringify(request.policy),
    reason: request.reason ?? null,
    version: 1,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
    expires_at: request.expiresAt,
  };
}

/** An events row as a record. */
export function eventFromRow(row: any): EventRecord {
  return {
    id: String(row.id),
    poolId: optional(row.pool_id),
    requestId: optional(row.request_id),
    type: row.type,
    actor: optional(row.actor),
    message: row.message,
    data: json(row.data),
    createdAt: iso(row.created_at),
  };
}
