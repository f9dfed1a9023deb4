import { z } from 'zod';
import {
  isBudgetDuration,
  isBudgetNodes,
  isCronSchedule,
  isDuration,
  isDurationOrNever,
} from './duration';
import { isDnsLabel } from './names';
import { positiveQuantityString } from './zodQuantity';

const dnsLabel = (what: string) =>
  z
    .string()
    .refine(
      isDnsLabel,
      `${what} must be lower-case letters, digits and '-', start and end alphanumeric, at most 63 characters`,
    );

// Requirement values select nodes by label, so an empty one selects nothing: refuse it.
const labelValue = z
  .string()
  .min(1, 'must not be empty')
  .max(63, 'must be at most 63 characters')
  .regex(
    /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/,
    'must be a valid label value',
  );

const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .refine(
      values => new Set(values).size === values.length,
      'must not repeat a value',
    );

/** Architectures Karpenter knows (`kubernetes.io/arch`). */
export const ARCHITECTURES = ['amd64', 'arm64'] as const;
/** Capacity types (`karpenter.sh/capacity-type`). */
export const CAPACITY_TYPES = ['spot', 'on-demand', 'reserved'] as const;
/** Consolidation policies of the v1 API. */
export const CONSOLIDATION_POLICIES = [
  'WhenEmpty',
  'WhenEmptyOrUnderutilized',
  'Balanced',
] as const;
/** Disruption reasons a budget can be limited to. */
export const DISRUPTION_REASONS = [
  'Underutilized',
  'Empty',
  'Drifted',
] as const;

/** One disruption budget: how many nodes may be disrupted at once, optionally in a window. */
export const disruptionBudgetSchema = z
  .object({
    nodes: z
      .string()
      .refine(
        isBudgetNodes,
        'must be a node count ("5") or a percentage ("10%")',
      ),
    schedule: z
      .string()
      .refine(
        isCronSchedule,
        'must be a cron schedule such as "0 9 * * mon-fri" or @daily',
      )
      .optional(),
    duration: z
      .string()
      .refine(
        isBudgetDuration,
        'must be hours and minutes such as "8h" or "1h30m"',
      )
      .optional(),
    reasons: uniqueList(z.enum(DISRUPTION_REASONS)).optional(),
  })
  .strict()
  .refine(b => (b.schedule === undefined) === (b.duration === undefined), {
    message: "'schedule' must be set with 'duration'",
    path: ['duration'],
  });

/** How Karpenter may disrupt the pool's nodes. Omitted fields take the cluster policy's defaults. */
export const disruptionSchema = z
  .object({
    consolidationPolicy: z.enum(CONSOLIDATION_POLICIES).optional(),
    consolidateAfter: z
      .string()
      .refine(
        isDurationOrNever,
        'must be a duration such as "30s" or "5m", or "Never"',
      )
      .optional(),
    budgets: z
      .array(disruptionBudgetSchema)
      .max(50, 'at most 50 budgets')
      .optional(),
  })
  .strict();

/** The node shapes a team may ask for, each narrowed later by the cluster policy. */
export const requirementsSchema = z
  .object({
    architectures: uniqueList(z.enum(ARCHITECTURES)).min(
      1,
      'choose at least one architecture',
    ),
    capacityTypes: uniqueList(z.enum(CAPACITY_TYPES)).min(
      1,
      'choose at least one capacity type',
    ),
    instanceCategories: uniqueList(
      z.string().regex(/^[a-z]+$/, 'must be lower-case letters such as "m"'),
    )
      .min(1)
      .optional(),
    minInstanceGeneration: z.number().int().min(1).max(99).optional(),
    instanceSizes: uniqueList(labelValue).min(1).optional(),
    excludedInstanceSizes: uniqueList(labelValue).min(1).optional(),
    zones: uniqueList(labelValue).min(1).optional(),
  })
  .strict();

/** The ceiling Karpenter enforces for the pool (always set: a pool without limits can spend without bound). */
export const poolLimitsSchema = z
  .object({
    cpu: positiveQuantityString,
    memory: positiveQuantityString,
    gpu: positiveQuantityString.optional(),
  })
  .strict();

/** Everything a team asks for in one pool. */
export const poolSpecSchema = z
  .object({
    requirements: requirementsSchema,
    limits: poolLimitsSchema,
    disruption: disruptionSchema.optional(),
    expireAfter: z
      .string()
      .refine(
        isDurationOrNever,
        'must be a duration such as "720h", or "Never"',
      )
      .optional(),
    terminationGracePeriod: z
      .string()
      .refine(isDuration, 'must be a duration such as "48h"')
      .optional(),
    weight: z
      .number()
      .int()
      .min(1, 'must be between 1 and 100')
      .max(100, 'must be between 1 and 100')
      .optional(),
    nodeClass: dnsLabel('nodeClass'),
    namespaces: uniqueList(dnsLabel('namespace'))
      .min(1, 'name at least one namespace that may use the pool')
      .max(50),
  })
  .strict();

/** A team's requested pool spec. */
export type PoolSpec = z.output<typeof poolSpecSchema>;
/** The limits of a pool. */
export type PoolLimits = z.output<typeof poolLimitsSchema>;
/** A disruption budget. */
export type DisruptionBudget = z.output<typeof disruptionBudgetSchema>;
/** The requirement choices of a pool. */
export type PoolRequirements = z.output<typeof requirementsSchema>;
