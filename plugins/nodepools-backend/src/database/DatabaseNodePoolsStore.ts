import {
  resolvePackagePath,
  type DatabaseService,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  DecisionRecord,
  Page,
  PoolPhase,
  PoolRecord,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { ResourceFilter } from '../permissions/resourceFilter';
import { applyResourceFilter } from './applyResourceFilter';
import { readObservations, writeObservations } from './observationRows';
import { ChangeSet, type StoreChangeListener } from './ChangeSet';
import { applyCursor, decodeCursor, encodeCursor } from './cursor';
import type {
  ApprovedPreview,
  ClusterObservations,
  NodePoolsStore,
  ObservationChange,
  PoolPatch,
  PoolQuery,
  RecordedChange,
  RequestQuery,
} from './NodePoolsStore';
import {
  DECISIONS,
  EVENTS,
  POOLS,
  REQUESTS,
  insertPoolRow,
  insertRequestRow,
  updatePoolRow,
  writeChange,
} from './writes';
import { eventFromRow, iso, poolFromRow, requestFromRow } from './rows';

const migrationsDir = resolvePackagePath(
  '@nodepools/plugin-nodepools-backend',
  'migrations',
);

const APPROVED_PREVIEWS = 'nodepools_approved_previews';

function page<T extends { createdAt: string; id: string }>(
  rows: T[],
  limit: number,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ at: last.createdAt, id: last.id })
        : undefined,
  };
}

const stripVersion = ({
  version: _v,
  ...pool
}: PoolRecord & { version: number }): PoolRecord => pool;

/** The store on the plugin's database: SQLite by default, PostgreSQL in production. */
export class DatabaseNodePoolsStore implements NodePoolsStore {
  /**
   * Connects to the plugin's database and runs the shipped migrations unless told to skip them.
   * `onChange` hears of every committed write (the backend turns it into a signal).
   */
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
    onChange?: StoreChangeListener;
  }): Promise<DatabaseNodePoolsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseNodePoolsStore(client, options.onChange);
  }

  /** `pending` collects a transaction's changes until it commits; outside one it is undefined. */
  private constructor(
    private readonly db: Knex | Knex.Transaction,
    private readonly onChange?: StoreChangeListener,
    private readonly pending?: ChangeSet,
  ) {}

  async transaction<T>(fn: (tx: NodePoolsStore) => Promise<T>): Promise<T> {
    if ((this.db as Knex.Transaction).isTransaction) return fn(this);
    const pending = new ChangeSet();
    const result = await (this.db as Knex).transaction(trx =>
      fn(new DatabaseNodePoolsStore(trx, this.onChange, pending)),
    );
    // Only now is the change visible to other connections: a reader told earlier would read
    // the old rows. A rolled-back transaction threw above and reports nothing.
    if (!pending.isEmpty) this.onChange?.(pending.toChange());
    return result;
  }

  /** Every write goes through here, so whoever listens hears of every change, once per commit. */
  private changed(...entries: Array<Parameters<ChangeSet['add']>[0]>) {
    const set = this.pending ?? new ChangeSet();
    for (const entry of entries) set.add(entry);
    if (!this.pending) this.onChange?.(set.toChange());
  }

  async lockTeamBudget(cluster: string, owner: string) {
    if (!(this.db as Knex.Transaction).isTransaction)
      throw new Error('lockTeamBudget needs a transaction');
    // PostgreSQL runs transactions side by side: a transaction-scoped advisory lock on the pair
    // makes the second approver wait for the first grant and then see it. SQLite already runs
    // one writing transaction at a time on the plugin's single connection.
    if (this.db.client.config.client === 'pg')
      await this.db.raw('select pg_advisory_xact_lock(hashtext(?))', [
        `nodepools-budget:${cluster}:${owner}`,
      ]);
  }

  async listPools(query: PoolQuery): Promise<Page<PoolRecord>> {
    const qb = this.db(POOLS).select('*');
    if (query.owner) qb.where('owner', query.owner);
    if (query.cluster) qb.where('cluster', query.cluster);
    if (query.phase?.length) qb.whereIn('phase', query.phase);
    applyResourceFilter(qb, query.filter);
    applyCursor(qb, 'created_at', 'desc', query.cursor);
    const rows = await qb.limit(query.limit + 1);
    return page(rows.map(poolFromRow).map(stripVersion), query.limit);
  }

  async getPool(id: string, filter?: ResourceFilter) {
    const qb = this.db(POOLS).where('id', id).first();
    applyResourceFilter(qb, filter);
    const row = await qb;
    return row ? poolFromRow(row) : undefined;
  }

  async livePools(cluster: string) {
    const rows = await this.db(POOLS)
      .where('cluster', cluster)
      .whereNot('phase', 'removed');
    return rows.map(poolFromRow);
  }

  async countPoolsByPhase() {
    const rows: Array<{ cluster: string; phase: PoolPhase; count: unknown }> =
      await this.db(POOLS)
        .select('cluster', 'phase')
        .count({ count: '*' })
        .groupBy('cluster', 'phase');
    // PostgreSQL returns counts as strings (bigint), SQLite as numbers.
    return rows.map(r => ({ ...r, count: Number(r.count) }));
  }

  async insertPool(pool: PoolRecord) {
    this.changed(await insertPoolRow(this.db, pool));
  }

  async updatePool(
    id: string,
    expectedVersion: number | undefined,
    patch: PoolPatch,
  ) {
    const written = await updatePoolRow(this.db, id, expectedVersion, patch);
    if (written) this.changed(written);
    return written !== undefined;
  }

  async insertRequest(request: Omit<RequestRecord, 'decisions'>) {
    this.changed(await insertRequestRow(this.db, request));
  }

  async getRequest(id: string, filter?: ResourceFilter) {
    const qb = this.db(REQUESTS).where('id', id).first();
    applyResourceFilter(qb, filter);
    const row = await qb;
    if (!row) return undefined;
    return {
      ...requestFromRow(row),
      decisions: await this.decisionsOf([id]).then(m => m.get(id) ?? []),
    };
  }

  async listRequests(query: RequestQuery): Promise<Page<RequestRecord>> {
    const qb = this.db(REQUESTS).select('*');
    if (query.state?.length) qb.whereIn('state', query.state);
    if (query.cluster) qb.where('cluster', query.cluster);
    if (query.owner) qb.where('owner', query.owner);
    if (query.requester) qb.where('requester', query.requester);
    applyResourceFilter(qb, query.filter);
    applyCursor(
      qb,
      'created_at',
      query.order === 'newest' ? 'desc' : 'asc',
      query.cursor,
    );
    const rows = (await qb.limit(query.limit + 1)).map(requestFromRow);
    const decisions = await this.decisionsOf(
      rows.slice(0, query.limit).map(r => r.id),
    );
    return page(
      rows.map(({ version: _v, ...r }) => ({
        ...r,
        decisions: decisions.get(r.id) ?? [],
      })),
      query.limit,
    );
  }

  async expiringPools(until: string) {
    const rows = await this.db(POOLS)
      .whereNotNull('expires_at')
      .andWhere('expires_at', '<=', until)
      .whereNotIn('phase', ['decommissioning', 'removed'])
      .orderBy('expires_at', 'asc')
      .limit(500);
    return rows.map(poolFromRow);
  }

  async expiredPendingRequests(now: string) {
    const rows = await this.db(REQUESTS)
      .where('state', 'pending')
      .andWhere('expires_at', '<=', now)
      .limit(500);
    return rows.map(r => ({ ...requestFromRow(r), decisions: [] }));
  }

  async saveApprovedPreview(requestId: string, approved: ApprovedPreview) {
    const { approvedAt, ...response } = approved;
    await this.db(APPROVED_PREVIEWS).insert({
      request_id: requestId,
      preview: JSON.stringify(response),
      approved_at: approvedAt,
    });
    this.changed({ requestId });
  }

  async approvedPreview(
    requestId: string,
  ): Promise<ApprovedPreview | undefined> {
    const row = await this.db(APPROVED_PREVIEWS)
      .where('request_id', requestId)
      .first();
    if (!row) return undefined;
    return { ...JSON.parse(row.preview), approvedAt: iso(row.approved_at) };
  }

  async recordChange(change: RecordedChange, now: string) {
    const written = await writeChange(this.db, change, now);
    // Told only once the change is in: a stale one wrote nothing and tells nothing.
    if (written) this.changed(...written);
    return written !== undefined;
  }

  async history(query: {
    poolId?: string;
    requestId?: string;
    limit: number;
    cursor?: string;
  }) {
    const qb = this.db(EVENTS).select('*');
    if (query.poolId) qb.where('pool_id', query.poolId);
    if (query.requestId) qb.where('request_id', query.requestId);
    // Events are ordered by their sequence id; the cursor carries the last id seen.
    if (query.cursor)
      qb.where('id', '<', Number(decodeCursor(query.cursor).id));
    const rows = await qb.orderBy('id', 'desc').limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(eventFromRow);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ at: last.createdAt, id: last.id })
          : undefined,
    };
  }

  observations(cluster: string): Promise<ClusterObservations> {
    return readObservations(this.db, cluster);
  }

  async saveObservations(
    cluster: string,
    change: ObservationChange,
    now: string,
  ) {
    await this.transaction(tx =>
      writeObservations(
        (tx as DatabaseNodePoolsStore).db,
        cluster,
        change,
        now,
      ),
    );
  }

  private async decisionsOf(
    requestIds: string[],
  ): Promise<Map<string, DecisionRecord[]>> {
    const out = new Map<string, DecisionRecord[]>();
    if (requestIds.length === 0) return out;
    const rows = await this.db(DECISIONS)
      .whereIn('request_id', requestIds)
      .orderBy('id', 'asc');
    for (const row of rows) {
      const list = out.get(row.request_id) ?? [];
      list.push({
        actor: row.actor,
        decision: row.decision,
        comment: row.comment ?? undefined,
        createdAt: iso(row.created_at),
      });
      out.set(row.request_id, list);
    }
    return out;
  }
}
