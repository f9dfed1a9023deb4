import {
  parseQuantity,
  quantityToNumber,
  type PoolRecord,
  type PoolSample,
  type RunRate,
} from '@nodepools/plugin-nodepools-common';
import {
  HOUR_MS,
  hourOf,
  type NewPoolSample,
  type PoolSampleStore,
} from './PoolSampleStore';

/** What a sample's figures are, for the page to say. */
export const SAMPLES_SUMMARY =
  'Hourly samples recorded by the reconciler: run-rate at list prices before discounts, and provisioned capacity (what Karpenter launched, not what pods use)';

/** How long samples are kept unless configured otherwise: 90 days of hours. */
export const DEFAULT_SAMPLE_RETENTION_DAYS = 90;

export interface PoolSamplerOptions {
  store: PoolSampleStore;
  /** The pool's run-rate from its status as read (see poolRunRate); undefined without prices. */
  runRate: (pool: PoolRecord) => Promise<RunRate | undefined>;
  retentionDays?: number;
}

/**
 * Records one sample per pool and hour from what a reconcile pass just read (the pools' stored
 * status: provisioned resources and NodeClaims), without asking the API server again. A replica
 * writes a cluster's hour once (it remembers the last hour it recorded) and prunes what is past
 * the retention at the same time; a second replica's write of the same hour is ignored by the
 * store, so every hour has one sample whoever passes first.
 */
export class PoolSampler {
  private readonly recordedHour = new Map<string, number>();
  readonly retentionDays: number;

  constructor(private readonly options: PoolSamplerOptions) {
    this.retentionDays = options.retentionDays ?? DEFAULT_SAMPLE_RETENTION_DAYS;
  }

  /** The pool's samples of the last `days` days, oldest first. */
  async samples(
    poolId: string,
    days: number,
    now: Date = new Date(),
  ): Promise<PoolSample[]> {
    return this.options.store.list(
      poolId,
      new Date(hourOf(now).getTime() - days * 24 * HOUR_MS),
    );
  }

  /** Whether this replica has yet to record the hour of `now` for the cluster. */
  isDue(cluster: string, now: Date): boolean {
    return this.recordedHour.get(cluster) !== hourOf(now).getTime();
  }

  /** Records the hour of `now` for the cluster's pools unless this replica already has. */
  async record(
    cluster: string,
    pools: readonly PoolRecord[],
    now: Date,
  ): Promise<boolean> {
    if (!this.isDue(cluster, now)) return false;
    const hour = hourOf(now);
    const samples: NewPoolSample[] = [];
    for (const pool of pools) {
      // A pool not (yet) in the cluster runs nothing: no sample rather than a made-up zero.
      if (!pool.status || pool.phase === 'removed') continue;
      const rate = await this.options.runRate(pool);
      samples.push({
        poolId: pool.id,
        ...(rate
          ? { runRateHourly: rate.hourly, currency: rate.currency }
          : {}),
        vcpu: toNumber(pool.status.provisioned?.cpu),
        memoryGiB: toNumber(pool.status.provisioned?.memory) / 2 ** 30,
        nodes: pool.status.nodes ?? 0,
        ...(pool.spec.limits?.cpu
          ? { vcpuLimit: toNumber(pool.spec.limits.cpu) }
          : {}),
      });
    }
    await this.options.store.record(hour, samples);
    await this.options.store.prune(
      new Date(hour.getTime() - this.retentionDays * 24 * HOUR_MS),
    );
    this.recordedHour.set(cluster, hour.getTime());
    return true;
  }
}

function toNumber(text: string | undefined): number {
  const parsed = text === undefined ? undefined : parseQuantity(text);
  return parsed?.ok ? quantityToNumber(parsed.quantity) : 0;
}
