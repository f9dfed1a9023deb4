import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import type {
  DecisionRecord,
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { ChangeSet } from './ChangeSet';
import type {
  ExpiryNotice,
  NewEvent,
  PoolPatch,
  RecordedChange,
  RequestPatch,
} from './NodePoolsStore';
import { poolToRow, requestToRow } from './rows';

/** The row writes of the store; each returns what it wrote for the change listeners. */

export const POOLS = 'nodepools_pools';
export const REQUESTS = 'nodepools_requests';
export const DECISIONS = 'nodepools_decisions';
export const EVENTS = 'nodepools_events';
export const EXPIRY_NOTICES = 'nodepools_expiry_notices';

type Written = Parameters<ChangeSet['add']>[0];

/** A row of a {@link RecordedChange} was changed by someone else since it was read. */
class StaleRow extends Error {}

/** Unique-index violations, which mean "someone else got there first", in either database. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/** Runs an insert, turning a unique violation into a 409 with the given message. */
async function insertUnique(insert: Promise<unknown>, conflict: string) {
  try {
    await insert;
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(conflict);
    throw error;
  }
}

export async function insertPoolRow(
  db: Knex | Knex.Transaction,
  pool: PoolRecord,
): Promise<Written> {
  await insertUnique(
    db(POOLS).insert(poolToRow(pool)),
    `${pool.owner} already has a pool named ${pool.name} on ${pool.cluster}`,
  );
  return { poolId: pool.id };
}

/** Updates the pool if it still has the expected version (any version when undefined). */
export async function updatePoolRow(
  db: Knex | Knex.Transaction,
  id: string,
  expectedVersion: number | undefined,
  patch: PoolPatch,
): Promise<Written | undefined> {
  const row: Record<string, unknown> = { updated_at: patch.updatedAt };
  if (patch.phase !== undefined) row.phase = patch.phase;
  if (patch.spec !== undefined) row.spec = JSON.stringify(patch.spec);
  if (patch.description !== undefined) row.description = patch.description;
  if (patch.generation !== undefined) row.generation = patch.generation;
  if (patch.appliedGeneration !== undefined)
    row.applied_generation = patch.appliedGeneration;
  if (patch.approvedRequestId !== undefined)
    row.approved_request_id = patch.approvedRequestId;
  if (patch.expiresAt !== undefined) row.expires_at = patch.expiresAt;
  if (patch.status !== undefined)
    row.status = patch.status === null ? null : JSON.stringify(patch.status);
  if (patch.lastError !== undefined) row.last_error = patch.lastError;
  const qb = db(POOLS).where('id', id);
  if (expectedVersion !== undefined) qb.where('version', expectedVersion);
  const count = await qb.update({ ...row, version: db.raw('version + 1') });
  return count === 1 ? { poolId: id } : undefined;
}

export async function insertRequestRow(
  db: Knex | Knex.Transaction,
  request: Omit<RequestRecord, 'decisions'>,
): Promise<Written> {
  await insertUnique(
    db(REQUESTS).insert(requestToRow(request)),
    `pool ${request.pool} on ${request.cluster} already has a pending request; wait for it or cancel it`,
  );
  return { requestId: request.id };
}

/** Moves the request if it is still at the expected version, or in the expected state. */
async function updateRequestRow(
  db: Knex.Transaction,
  id: string,
  expected: { version: number } | { state: RequestRecord['state'] },
  patch: RequestPatch,
  now: string,
): Promise<Written | undefined> {
  const row: Record<string, unknown> = {
    updated_at: now,
    version: db.raw('version + 1'),
  };
  if (patch.state) row.state = patch.state;
  if (patch.reason !== undefined) row.reason = patch.reason;
  if (patch.poolId !== undefined) row.pool_id = patch.poolId;
  const count = await db(REQUESTS)
    .where({ id, ...expected })
    .update(row);
  return count === 1 ? { requestId: id } : undefined;
}

async function insertDecisionRow(
  db: Knex.Transaction,
  requestId: string,
  decision: DecisionRecord,
): Promise<Written> {
  await insertUnique(
    db(DECISIONS).insert({
      request_id: requestId,
      actor: decision.actor,
      decision: decision.decision,
      comment: decision.comment ?? null,
      created_at: decision.createdAt,
    }),
    `${decision.actor} has already decided on this request`,
  );
  return { requestId };
}

/** Claims a notice; the one that loses (another replica sent it) finds the row stale. */
async function insertNoticeRow(
  db: Knex.Transaction,
  notice: ExpiryNotice,
  now: string,
) {
  try {
    await db(EXPIRY_NOTICES).insert({
      pool_id: notice.poolId,
      expires_at: notice.expiresAt,
      lead: notice.lead,
      sent_at: now,
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new StaleRow();
    throw error;
  }
}

async function insertEventRow(
  db: Knex.Transaction,
  event: NewEvent,
  now: string,
): Promise<Written> {
  await db(EVENTS).insert({
    pool_id: event.poolId ?? null,
    request_id: event.requestId ?? null,
    type: event.type,
    actor: event.actor ?? null,
    message: event.message,
    data: event.data ? JSON.stringify(event.data) : null,
    created_at: now,
  });
  return {
    poolId: event.poolId,
    requestId: event.requestId,
    event: event.type,
  };
}

/**
 * Writes one change and its history in `db`: the version-checked rows first, then the inserts and
 * the events. Returns what it wrote, or undefined, having written nothing, when a checked row had
 * changed since it was read. Outside a transaction it opens one; inside the caller's, a savepoint
 * undoes the first checked row when the second is stale (with one, nothing is written before it).
 */
export async function writeChange(
  db: Knex | Knex.Transaction,
  change: RecordedChange,
  now: string,
): Promise<Written[] | undefined> {
  // A notice is checked too: its insert fails when another replica claimed it first.
  const checkedRows =
    [change.request, change.pool].filter(row => row && 'version' in row)
      .length + (change.notice ? 1 : 0);
  const inTransaction = (db as Knex.Transaction).isTransaction === true;
  const atomically = <T>(fn: (trx: Knex.Transaction) => Promise<T>) =>
    // A failed insert aborts a PostgreSQL transaction: a notice always gets its own savepoint.
    inTransaction && checkedRows < 2 && !change.notice
      ? fn(db as Knex.Transaction)
      : db.transaction(fn);
  try {
    return await atomically(async trx => {
      const written: Written[] = [];
      const { request, pool } = change;
      const checked = (entry: Written | undefined) => {
        if (!entry) throw new StaleRow();
        written.push(entry);
      };
      if (change.notice) await insertNoticeRow(trx, change.notice, now);
      if (request && 'version' in request)
        checked(
          await updateRequestRow(
            trx,
            request.id,
            { version: request.version },
            request.patch,
            now,
          ),
        );
      if (pool && 'version' in pool)
        checked(
          await updatePoolRow(trx, pool.id, pool.version, {
            ...pool.patch,
            updatedAt: now,
          }),
        );
      if (request && 'insert' in request)
        written.push(await insertRequestRow(trx, request.insert));
      if (change.decision && request) {
        const requestId = 'insert' in request ? request.insert.id : request.id;
        written.push(await insertDecisionRow(trx, requestId, change.decision));
      }
      if (pool && 'insert' in pool)
        written.push(await insertPoolRow(trx, pool.insert));
      if (change.completes) {
        // Only an 'approved' request moves, so a second replica doing the same finds nothing to do.
        const completed = await updateRequestRow(
          trx,
          change.completes,
          { state: 'approved' },
          { state: 'applied' },
          now,
        );
        if (completed) written.push(completed);
      }
      for (const event of change.events)
        written.push(await insertEventRow(trx, event, now));
      return written;
    });
  } catch (error) {
    if (error instanceof StaleRow) return undefined;
    throw error;
  }
}
