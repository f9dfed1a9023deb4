import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { PriceBook } from '@nodepools/plugin-nodepools-common';
import type {
  ClusterConfig,
  PricingConfig,
} from '@nodepools/plugin-nodepools-node';
import { type AwsPriceClients, fetchAwsPrices } from './fetchAwsPrices';
import type { PriceStore, StoredPrices } from './PriceStore';

type AwsPricing = Extract<PricingConfig, { source: 'aws' }>;

/** How long a read of the cache serves previews before the next read (a refresh is hours apart). */
const READ_TTL_MS = 60_000;

const HOUR_MS = 3_600_000;

/** The scheduler task that refreshes a region's AWS prices. */
export function priceRefreshTaskId(region: string): string {
  return `nodepools-prices-${region}`;
}

/**
 * The prices each cluster's cost figures use: a config table as written, or AWS prices from the
 * database cache, which a scheduled task per region refreshes (never a request). A failed refresh
 * keeps the old prices; they are then marked stale with the reason, as are prices older than
 * twice the refresh period.
 */
export class ClusterPrices {
  private readonly now: () => Date;
  private readonly cache = new Map<
    string,
    { until: number; stored: Promise<StoredPrices> }
  >();

  constructor(
    private readonly options: {
      store: PriceStore;
      clients: (region: string, accountId?: string) => Promise<AwsPriceClients>;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Fetches a region's prices now and stores them; a failure is recorded, never thrown. */
  async refresh(region: string, accountId?: string): Promise<boolean> {
    const started = this.now();
    try {
      const clients = await this.options.clients(region, accountId);
      const prices = await fetchAwsPrices(clients, region, started);
      await this.options.store.replace(region, prices, started);
      this.options.logger.info(
        `Refreshed AWS prices for ${region}: ${prices.length} instance types`,
      );
      return true;
    } catch (error) {
      const message = `${(error as Error).name ?? 'Error'}: ${
        (error as Error).message ?? String(error)
      }`;
      this.options.logger.warn(
        `Could not refresh AWS prices for ${region}; the previous prices stay: ${message}`,
      );
      await this.options.store.recordFailure(region, message, started);
      return false;
    } finally {
      this.cache.delete(region);
    }
  }

  /**
   * One global task per region the clusters price from AWS (the shortest `refreshHours` of its
   * clusters), so with several replicas one of them refreshes. It runs at start-up, then on the
   * period.
   */
  async schedule(
    scheduler: SchedulerService,
    clusters: ClusterConfig[],
  ): Promise<void> {
    const regions = new Map<string, AwsPricing>();
    for (const c of clusters) {
      if (c.pricing?.source !== 'aws') continue;
      const seen = regions.get(c.pricing.region);
      if (!seen || c.pricing.refreshHours < seen.refreshHours)
        regions.set(c.pricing.region, c.pricing);
    }
    for (const pricing of regions.values()) {
      await scheduler.scheduleTask({
        id: priceRefreshTaskId(pricing.region),
        scope: 'global',
        frequency: { minutes: Math.round(pricing.refreshHours * 60) },
        timeout: { minutes: 10 },
        fn: async () => {
          await this.refresh(pricing.region, pricing.accountId);
        },
      });
    }
  }

  /** The cluster's price book, or undefined when it has no price source (fixed rates apply). */
  async forCluster(cluster: ClusterConfig): Promise<PriceBook | undefined> {
    const pricing = cluster.pricing;
    if (!pricing) return undefined;
    if (pricing.source === 'table') return pricing.book;
    const now = this.now().getTime();
    let cached = this.cache.get(pricing.region);
    if (!cached || cached.until <= now) {
      cached = {
        until: now + READ_TTL_MS,
        stored: this.options.store.read(pricing.region),
      };
      // A failed read is not kept: the next preview reads again.
      cached.stored.catch(() => this.cache.delete(pricing.region));
      this.cache.set(pricing.region, cached);
    }
    return this.bookOf(pricing, await cached.stored, now);
  }

  /** The price book of stored prices, with how stale they are for this cluster's period. */
  private bookOf(
    pricing: AwsPricing,
    stored: StoredPrices,
    now: number,
  ): PriceBook {
    const ageHours = stored.fetchedAt
      ? (now - stored.fetchedAt.getTime()) / HOUR_MS
      : undefined;
    let staleReason: string | undefined;
    if (!stored.fetchedAt) {
      staleReason = stored.error
        ? `no refresh has succeeded yet; the last one failed: ${stored.error}`
        : 'not fetched yet';
    } else if (stored.error) {
      staleReason = `the refresh at ${stored.attemptedAt?.toISOString()} failed (${
        stored.error
      }); these are the prices of the last good one, ${Math.round(
        ageHours!,
      )} h old`;
    } else if (ageHours! > 2 * pricing.refreshHours) {
      staleReason = `${Math.round(ageHours!)} h old; they are refreshed every ${
        pricing.refreshHours
      } h`;
    }
    return {
      currency: 'USD',
      source: {
        kind: 'aws',
        region: pricing.region,
        ...(stored.fetchedAt ? { asOf: stored.fetchedAt.toISOString() } : {}),
        stale: staleReason !== undefined,
        ...(staleReason ? { staleReason } : {}),
      },
      instanceTypes: stored.instanceTypes,
    };
  }
}
