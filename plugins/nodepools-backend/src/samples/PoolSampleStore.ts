import type { PoolSample } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';

const SAMPLES = 'nodepools_pool_samples';
// 8 columns a row: 100 rows stay under SQLite's 999 bound parameters.
const BATCH = 100;
export const HOUR_MS = 3_600_000;

/** A sample as the reconciler records it: for one pool, at the hour it is given. */
export type NewPoolSample = Omit<PoolSample, 'hour'> & { poolId: string };

/** The start of the hour `at` falls in. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/**
 * The pools' hourly samples in the plugin's database (SQLite or PostgreSQL), shared by every
 * replica. At most one row per pool and hour: the first replica to record an hour wins, a second
 * one's insert is ignored, so the figures of an hour never change once written.
 */
export class PoolSampleStore {
  constructor(private readonly db: Knex) {}

  /** Records the hour's samples; those already recorded for that hour stay as they are. */
  async record(hour: Date, samples: NewPoolSample[]): Promise<void> {
    const at = hourOf(hour).getTime();
    const rows = samples.map(s => ({
      pool_id: s.poolId,
      hour: at,
      run_rate_hourly: s.runRateHourly ?? null,
      currency: s.currency ?? null,
      vcpu: s.vcpu,
      memory_gib: s.memoryGiB,
      nodes: s.nodes,
      vcpu_limit: s.vcpuLimit ?? null,
    }));
    for (let i = 0; i < rows.length; i += BATCH)
      await this.db(SAMPLES)
        .insert(rows.slice(i, i + BATCH))
        .onConflict(['pool_id', 'hour'])
        .ignore();
  }

  /** The pool's samples from `since` on, oldest first. */
  async list(poolId: string, since: Date): Promise<PoolSample[]> {
    const rows = await this.db(SAMPLES)
      .where('pool_id', poolId)
      .andWhere('hour', '>=', since.getTime())
      .orderBy('hour');
    return rows.map(
      (r): PoolSample => ({
        hour: new Date(Number(r.hour)).toISOString(),
        ...(r.run_rate_hourly !== null
          ? { runRateHourly: Number(r.run_rate_hourly) }
          : {}),
        ...(r.currency !== null ? { currency: r.currency } : {}),
        vcpu: Number(r.vcpu),
        memoryGiB: Number(r.memory_gib),
        nodes: Number(r.nodes),
        ...(r.vcpu_limit !== null ? { vcpuLimit: Number(r.vcpu_limit) } : {}),
      }),
    );
  }

  /** Deletes every sample older than `before`; returns how many. */
  async prune(before: Date): Promise<number> {
    return this.db(SAMPLES).where('hour', '<', before.getTime()).delete();
  }
}
