import type { Config } from '@backstage/config';
import {
  ANY_ZONE,
  architectureOfName,
  validateWith,
  type PriceBook,
} from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';

const price = z.number().nonnegative();

const instanceTypePriceSchema = z
  .object({
    vcpu: z.number().positive(),
    memoryGiB: z.number().positive(),
    gpus: z.number().int().nonnegative().optional(),
    architecture: z.enum(['amd64', 'arm64']).optional(),
    onDemand: price.optional(),
    spot: price.optional(),
  })
  .strict();

const pricingSchema = z.discriminatedUnion('source', [
  z
    .object({
      source: z.literal('aws'),
      region: z
        .string()
        .regex(
          /^[a-z]{2}(-[a-z]+)+-\d+$/,
          'must be an AWS region such as eu-west-1',
        ),
      accountId: z
        .string()
        .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
        .optional(),
      refreshHours: z.number().min(1).max(168).default(12),
    })
    .strict(),
  z
    .object({
      source: z.literal('table'),
      currency: z.string().min(1).default('USD'),
      asOf: z
        .string()
        .refine(
          s => !Number.isNaN(Date.parse(s)),
          'must be a date such as 2026-12-01',
        )
        .optional(),
      instanceTypes: z
        .record(z.string().min(1), instanceTypePriceSchema)
        .refine(
          t => Object.keys(t).length > 0,
          'must list at least one instance type',
        ),
    })
    .strict(),
]);

/**
 * Where a cluster's instance prices come from: the AWS Pricing API and EC2 spot price history for
 * a region (fetched and cached by the backend on a schedule), or a table written in config
 * (air-gapped clusters, other clouds, the kwok demo), already turned into a price book.
 */
export type PricingConfig =
  | {
      source: 'aws';
      region: string;
      /** Take the credentials of this account from the `aws` integration config. */
      accountId?: string;
      refreshHours: number;
    }
  | { source: 'table'; book: PriceBook };

/** Reads `clusters[i].pricing`; a bad value fails start-up naming the key. */
export function readPricingConfig(
  entry: Config,
  key: string,
): PricingConfig | undefined {
  const raw = entry.getOptional('pricing');
  if (raw === undefined) return undefined;
  const parsed = validateWith(pricingSchema, raw);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new Error(
      `Invalid configuration at ${key}.pricing${
        first.path === '(root)' ? '' : `.${first.path}`
      }: ${first.message}`,
    );
  }
  const pricing = parsed.value;
  if (pricing.source === 'aws') return pricing;
  return {
    source: 'table',
    book: {
      currency: pricing.currency,
      source: {
        kind: 'table',
        ...(pricing.asOf ? { asOf: pricing.asOf } : {}),
        stale: false,
      },
      instanceTypes: Object.entries(pricing.instanceTypes).map(([name, t]) => ({
        name,
        vcpu: t.vcpu,
        memoryGiB: t.memoryGiB,
        ...(t.gpus ? { gpus: t.gpus } : {}),
        architecture: t.architecture ?? architectureOfName(name),
        ...(/(^|-)windows(-|$)/.test(name)
          ? { operatingSystem: 'windows' as const }
          : {}),
        ...(t.onDemand !== undefined ? { onDemandHourly: t.onDemand } : {}),
        ...(t.spot !== undefined ? { spotHourly: { [ANY_ZONE]: t.spot } } : {}),
      })),
    },
  };
}
