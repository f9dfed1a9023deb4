import type { InstanceTypePrice } from '@nodepools/plugin-nodepools-common';
import type { Knex } from 'knex';

const PRICES = 'nodepools_instance_prices';
const REFRESHES = 'nodepools_price_refreshes';
// 8 columns a row: 100 rows stay under SQLite's 999 bound parameters.
const BATCH = 100;

/** The cached prices of a region and how the last refreshes went. */
export interface StoredPrices {
  instanceTypes: InstanceTypePrice[];
  /** When the prices were fetched; undefined when no refresh ever succeeded. */
  fetchedAt?: Date;
  /** When a refresh was last tried. */
  attemptedAt?: Date;
  /** The last attempt's error, when it failed (the prices are then those of `fetchedAt`). */
  error?: string;
}

/**
 * The AWS price cache in the plugin's database (SQLite or PostgreSQL), shared by every replica.
 * A refresh replaces a region's prices in one transaction; a failed one only records its error.
 */
export class PriceStore {
  constructor(private readonly db: Knex) {}

  /** Replaces the region's prices with a fresh fetch. */
  async replace(
    region: string,
    instanceTypes: InstanceTypePrice[],
    fetchedAt: Date,
  ): Promise<void> {
    const rows = instanceTypes.map(t => ({
      region,
      instance_type: t.name,
      vcpu: t.vcpu,
      memory_gib: t.memoryGiB,
      gpus: t.gpus ?? 0,
      architecture: t.architecture,
      on_demand_hourly: t.onDemandHourly ?? null,
      spot_hourly: t.spotHourly ? JSON.stringify(t.spotHourly) : null,
    }));
    await this.db.transaction(async tx => {
      await tx(PRICES).where({ region }).delete();
      for (let i = 0; i < rows.length; i += BATCH)
        await tx(PRICES).insert(rows.slice(i, i + BATCH));
      const at = fetchedAt.getTime();
      await tx(REFRESHES)
        .insert({ region, fetched_at: at, attempted_at: at, error: null })
        .onConflict('region')
        .merge(['fetched_at', 'attempted_at', 'error']);
    });
  }

  /** Records a failed refresh; the prices of the last good one stay. */
  async recordFailure(
    region: string,
    error: string,
    attemptedAt: Date,
  ): Promise<void> {
    await this.db(REFRESHES)
      .insert({
        region,
        fetched_at: null,
        attempted_at: attemptedAt.getTime(),
        error: error.slice(0, 2000),
      })
      .onConflict('region')
      .merge(['attempted_at', 'error']);
  }

  /** The region's cached prices and refresh state. */
  async read(region: string): Promise<StoredPrices> {
    const [refresh, rows] = await Promise.all([
      this.db(REFRESHES).where({ region }).first(),
      this.db(PRICES).where({ region }).orderBy('instance_type'),
    ]);
    const date = (ms: unknown) =>
      ms === null || ms === undefined ? undefined : new Date(Number(ms));
    return {
      instanceTypes: rows.map(
        (r): InstanceTypePrice => ({
          name: r.instance_type,
          vcpu: Number(r.vcpu),
          memoryGiB: Number(r.memory_gib),
          ...(Number(r.gpus) > 0 ? { gpus: Number(r.gpus) } : {}),
          architecture: r.architecture,
          ...(r.on_demand_hourly !== null
            ? { onDemandHourly: Number(r.on_demand_hourly) }
            : {}),
          ...(r.spot_hourly ? { spotHourly: JSON.parse(r.spot_hourly) } : {}),
        }),
      ),
      fetchedAt: date(refresh?.fetched_at),
      attemptedAt: date(refresh?.attempted_at),
      ...(refresh?.error ? { error: refresh.error } : {}),
    };
  }
}
