import {
  DescribeSpotPriceHistoryCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import {
  GetProductsCommand,
  type PricingClient,
} from '@aws-sdk/client-pricing';
import {
  architectureOfName,
  type InstanceTypePrice,
} from '@nodepools/plugin-nodepools-common';

/** The two AWS clients a refresh uses: Pricing (us-east-1) and EC2 in the cluster's region. */
export interface AwsPriceClients {
  pricing: Pick<PricingClient, 'send'>;
  ec2: Pick<EC2Client, 'send'>;
}

/** An answer the price source could not read: the refresh fails and the old prices stay. */
export class MalformedPriceAnswerError extends Error {
  readonly name = 'MalformedPriceAnswerError';
}

// The same narrowing Karpenter applies: shared-tenancy Linux without pre-installed software or
// licences, capacity that is used (not reservations), in the region.
const filters = (region: string) =>
  [
    ['regionCode', region],
    ['operatingSystem', 'Linux'],
    ['tenancy', 'Shared'],
    ['preInstalledSw', 'NA'],
    ['capacitystatus', 'Used'],
    ['licenseModel', 'No License required'],
  ].map(([Field, Value]) => ({ Type: 'TERM_MATCH' as const, Field, Value }));

interface OnDemandProduct {
  name: string;
  vcpu: number;
  memoryGiB: number;
  gpus: number;
  architecture: 'amd64' | 'arm64';
  hourly: number;
}

/** One GetProducts entry (a JSON document in a string), or an error naming what is wrong. */
function readProduct(raw: unknown): OnDemandProduct | undefined {
  // The SDK hands entries over as String objects (its LazyJsonString), not parsed.
  if (typeof raw !== 'string' && !(raw instanceof String))
    throw new MalformedPriceAnswerError('a PriceList entry is not a string');
  const entry = String(raw);
  let doc: any;
  try {
    doc = JSON.parse(entry);
  } catch {
    throw new MalformedPriceAnswerError(
      `a PriceList entry is not JSON: ${entry.slice(0, 80)}`,
    );
  }
  const attributes = doc?.product?.attributes;
  const name = attributes?.instanceType;
  const vcpu = Number(attributes?.vcpu);
  const memory = /^([\d.,]+)\s*GiB$/.exec(String(attributes?.memory ?? ''));
  const dimensions = Object.values(doc?.terms?.OnDemand ?? {}).flatMap(
    (term: any) => Object.values(term?.priceDimensions ?? {}),
  ) as any[];
  const usd = dimensions.map(d => Number(d?.pricePerUnit?.USD));
  if (
    typeof name !== 'string' ||
    !(vcpu > 0) ||
    !memory ||
    usd.length === 0 ||
    usd.some(p => !Number.isFinite(p))
  ) {
    throw new MalformedPriceAnswerError(
      `a PriceList entry lacks instanceType, vcpu, memory or an hourly USD price: ${entry.slice(
        0,
        120,
      )}`,
    );
  }
  const hourly = Math.max(...usd);
  // A zero price is a placeholder (Karpenter skips those too), not a free instance.
  if (!(hourly > 0)) return undefined;
  const processor = String(attributes.physicalProcessor ?? '');
  return {
    name,
    vcpu,
    memoryGiB: Number(memory[1].replace(/,/g, '')),
    gpus: Number(attributes.gpu) > 0 ? Number(attributes.gpu) : 0,
    architecture: /graviton/i.test(processor)
      ? 'arm64'
      : architectureOfName(name),
    hourly,
  };
}

/** On-demand list prices of every instance type in the region, from the Pricing API. */
async function onDemandPrices(
  pricing: AwsPriceClients['pricing'],
  region: string,
): Promise<Map<string, OnDemandProduct>> {
  const out = new Map<string, OnDemandProduct>();
  let token: string | undefined;
  do {
    const page = await pricing.send(
      new GetProductsCommand({
        ServiceCode: 'AmazonEC2',
        FormatVersion: 'aws_v1',
        Filters: filters(region),
        MaxResults: 100,
        NextToken: token,
      }),
    );
    const list: unknown = page.PriceList ?? [];
    if (!Array.isArray(list))
      throw new MalformedPriceAnswerError('PriceList is not a list');
    for (const entry of list) {
      const product = readProduct(entry);
      if (product && !out.has(product.name)) out.set(product.name, product);
    }
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/** The newest spot price per instance type and zone, from EC2 spot price history. */
async function spotPrices(
  ec2: AwsPriceClients['ec2'],
  now: Date,
): Promise<Map<string, Record<string, number>>> {
  const newest = new Map<string, { price: number; at: number }>();
  let token: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSpotPriceHistoryCommand({
        ProductDescriptions: ['Linux/UNIX'],
        // A start time of now returns the price in effect now for every type and zone.
        StartTime: now,
        MaxResults: 1000,
        NextToken: token,
      }),
    );
    for (const item of page.SpotPriceHistory ?? []) {
      const price = Number(item.SpotPrice);
      if (
        !item.InstanceType ||
        !item.AvailabilityZone ||
        !Number.isFinite(price)
      )
        throw new MalformedPriceAnswerError(
          `a spot price lacks its instance type, zone or price: ${JSON.stringify(
            item,
          ).slice(0, 120)}`,
        );
      const key = `${item.InstanceType} ${item.AvailabilityZone}`;
      const at = item.Timestamp ? item.Timestamp.getTime() : 0;
      const seen = newest.get(key);
      if (!seen || at > seen.at) newest.set(key, { price, at });
    }
    token = page.NextToken || undefined;
  } while (token);
  const out = new Map<string, Record<string, number>>();
  for (const [key, { price }] of newest) {
    const [type, zone] = key.split(' ');
    out.set(type, { ...out.get(type), [zone]: price });
  }
  return out;
}

/**
 * Every instance type of the region with its shape, on-demand list price and spot prices per
 * zone: the Pricing API (as Karpenter reads it) for shapes and on-demand prices, EC2 spot price
 * history for spot. Spot prices of types the Pricing API does not list are dropped (no shape).
 * Throws on an answer it cannot read, or on one with no instance types at all, so a refresh never
 * replaces good prices with nothing.
 */
export async function fetchAwsPrices(
  clients: AwsPriceClients,
  region: string,
  now: Date,
): Promise<InstanceTypePrice[]> {
  const [onDemand, spot] = await Promise.all([
    onDemandPrices(clients.pricing, region),
    spotPrices(clients.ec2, now),
  ]);
  if (onDemand.size === 0)
    throw new MalformedPriceAnswerError(
      `the Pricing API listed no instance types for ${region}`,
    );
  return [...onDemand.values()]
    .map(p => ({
      name: p.name,
      vcpu: p.vcpu,
      memoryGiB: p.memoryGiB,
      ...(p.gpus > 0 ? { gpus: p.gpus } : {}),
      architecture: p.architecture,
      onDemandHourly: p.hourly,
      ...(spot.has(p.name) ? { spotHourly: spot.get(p.name) } : {}),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
