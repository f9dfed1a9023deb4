import { z } from 'zod';
import { isDuration, isDurationOrNever } from '../model/duration';
import { isLifetime, lifetimeMs } from '../lifetime/lifetime';
import {
  ARCHITECTURES,
  CAPACITY_TYPES,
  disruptionBudgetSchema,
  CONSOLIDATION_POLICIES,
} from '../model/PoolSpec';
import {
  nonNegativeQuantityString,
  positiveQuantityString,
} from '../model/zodQuantity';
import { compareQuantities, parseQuantity } from '../quantity/Quantity';

const qualifiedKey = z
  .string()
  .max(316)
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
    'must be a Kubernetes label key such as "example.com/team"',
  );

/** Prices per hour, in the currency of the table, for one capacity type. */
export const capacityPriceSchema = z
  .object({
    cpuCoreHour: z.number().nonnegative(),
    memoryGiBHour: z.number().nonnegative(),
    gpuHour: z.number().nonnegative().default(0),
  })
  .strict();

/** The price table used for cost estimates: a stand-in for a real pricing source. */
export const priceTableSchema = z
  .object({
    currency: z.string().min(1).default('USD'),
    hoursPerMonth: z.number().positive().default(730),
    'on-demand': capacityPriceSchema.default({
      cpuCoreHour: 0.0425,
      memoryGiBHour: 0.0057,
      gpuHour: 0.9,
    }),
    spot: capacityPriceSchema.default({
      cpuCoreHour: 0.0155,
      memoryGiBHour: 0.0021,
      gpuHour: 0.35,
    }),
    reserved: capacityPriceSchema.default({
      cpuCoreHour: 0.027,
      memoryGiBHour: 0.0036,
      gpuHour: 0.6,
    }),
  })
  .strict();

const limitsCeiling = z
  .object({
    cpu: positiveQuantityString,
    memory: positiveQuantityString,
    gpu: nonNegativeQuantityString.default('0'),
  })
  .strict();

const lifetimeString = z
  .string()
  .refine(
    isLifetime,
    'must be a number of days, hours or minutes, such as "30d"',
  );

/** How long grants last on a cluster, and what happens when one runs out. */
export const lifetimePolicySchema = z
  .object({
    // The lifetime of a new pool whose request names none; unset: such grants never expire.
    default: lifetimeString.optional(),
    // The longest lifetime a request (or an Extend) may ask for.
    max: lifetimeString.optional(),
    // A new pool must have a lifetime (its own or the default).
    required: z.boolean().default(false),
    // How long before expiry the requester and the team are told, once per lead time.
    warnBefore: z.array(lifetimeString).default(['7d', '1d']),
    // 'notify' only tells the team at expiry; the pool stays.
    onExpiry: z.enum(['decommission', 'notify']).default('decommission'),
  })
  .strict()
  .superRefine((lifetime, ctx) => {
    if (
      lifetime.default &&
      lifetime.max &&
      lifetimeMs(lifetime.default) > lifetimeMs(lifetime.max)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['default'],
        message: `must not be longer than max (${lifetime.max})`,
      });
    }
  });

/** The node class kind NodePools of this cluster reference. */
export const nodeClassKindSchema = z
  .object({ group: z.string().min(1), kind: z.string().min(1) })
  .strict()
  .default({ group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' });

/**
 * What the platform team allows on one cluster, with a sensible default for every value.
 * Parsing this schema is the single place where defaults are decided.
 */
export const clusterPolicySchema = z
  .object({
    nodeClassRef: nodeClassKindSchema,
    nodeClasses: z.array(z.string().min(1)).min(1).default(['default']),
    architectures: z
      .array(z.enum(ARCHITECTURES))
      .min(1)
      .default(['amd64', 'arm64']),
    capacityTypes: z
      .array(z.enum(CAPACITY_TYPES))
      .min(1)
      .default(['spot', 'on-demand']),
    // Empty means "do not constrain": providers such as kwok have no instance categories.
    instanceCategories: z
      .array(z.string().regex(/^[a-z]+$/))
      .default(['c', 'm', 'r']),
    minInstanceGeneration: z.number().int().min(1).optional(),
    // Labels the pool template may not use: Karpenter restricts some, the platform may add more.
    restrictedLabelDomains: z
      .array(z.string().min(1))
      .default([
        'kubernetes.io',
        'k8s.io',
        'karpenter.sh',
        'karpenter.k8s.aws',
      ]),
    taintKey: qualifiedKey.default('nodepools.backstage.io/team'),
    teamLabelKey: qualifiedKey.default('nodepools.backstage.io/team'),
    // Namespaces the admission policy leaves alone (cluster add-ons and DaemonSets live there).
    systemNamespaces: z
      .array(z.string().min(1))
      .default(['kube-system', 'kube-public', 'kube-node-lease']),
    // The identity allowed to set team labels on namespaces; the admission policy refuses anyone else.
    reconcilerUsername: z
      .string()
      .min(1)
      .default('system:serviceaccount:nodepools-system:nodepools-reconciler'),
    defaults: z
      .object({
        operatingSystem: z.enum(['linux', 'windows']).default('linux'),
        consolidationPolicy: z
          .enum(CONSOLIDATION_POLICIES)
          .default('WhenEmptyOrUnderutilized'),
        consolidateAfter: z
          .string()
          .refine(isDurationOrNever, 'must be a duration or "Never"')
          .default('30s'),
        expireAfter: z
          .string()
          .refine(isDurationOrNever, 'must be a duration or "Never"')
          .default('720h'),
        terminationGracePeriod: z
          .string()
          .refine(isDuration, 'must be a duration')
          .optional(),
        budgets: z.array(disruptionBudgetSchema).optional(),
        excludedInstanceSizes: z.array(z.string()).default([]),
        weight: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .default({
        operatingSystem: 'linux',
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '30s',
        expireAfter: '720h',
        excludedInstanceSizes: [],
      }),
    allowNeverExpire: z.boolean().default(false),
    maxPoolLimits: limitsCeiling.default({
      cpu: '64',
      memory: '256Gi',
      gpu: '0',
    }),
    // The smallest limits a pool may have: below one node's worth, Karpenter could never launch one.
    minPoolLimits: z
      .object({ cpu: positiveQuantityString, memory: positiveQuantityString })
      .strict()
      .default({ cpu: '1', memory: '1Gi' }),
    teamBudget: limitsCeiling.default({
      cpu: '128',
      memory: '512Gi',
      gpu: '0',
    }),
    quorum: z.number().int().min(1).max(10).default(1),
    approverGroups: z
      .array(z.string().min(1))
      .min(1)
      .default(['group:default/platform']),
    requestExpiryHours: z.number().positive().default(168),
    grantTtlDays: z.number().positive().optional(),
    lifetime: lifetimePolicySchema.default({
      required: false,
      warnBefore: ['7d', '1d'],
      onExpiry: 'decommission',
    }),
    prices: priceTableSchema.default({
      currency: 'USD',
      hoursPerMonth: 730,
      'on-demand': { cpuCoreHour: 0.0425, memoryGiBHour: 0.0057, gpuHour: 0.9 },
      spot: { cpuCoreHour: 0.0155, memoryGiBHour: 0.0021, gpuHour: 0.35 },
      reserved: { cpuCoreHour: 0.027, memoryGiBHour: 0.0036, gpuHour: 0.6 },
    }),
  })
  .strict()
  .superRefine((policy, ctx) => {
    for (const name of ['cpu', 'memory'] as const) {
      // Malformed quantities were already reported; compare only what parses.
      const min = parseQuantity(policy.minPoolLimits[name]);
      const max = parseQuantity(policy.maxPoolLimits[name]);
      if (
        min.ok &&
        max.ok &&
        compareQuantities(min.quantity, max.quantity) > 0
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['minPoolLimits', name],
          message: `must not be above maxPoolLimits.${name} (${policy.maxPoolLimits[name]})`,
        });
      }
    }
    // Karpenter's CRD refuses template labels in its own domains; catching it here names the
    // config key instead of failing every apply.
    for (const field of ['teamLabelKey', 'taintKey'] as const) {
      const domain = labelDomain(policy[field]);
      const restricted = policy.restrictedLabelDomains.find(
        d => domain === d || domain.endsWith(`.${d}`),
      );
      if (restricted) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `must not be in the restricted label domain "${restricted}"`,
        });
      }
    }
  });

/** The domain part of a label key (`example.com` of `example.com/team`), empty when there is none. */
function labelDomain(key: string): string {
  const slash = key.indexOf('/');
  return slash === -1 ? '' : key.slice(0, slash);
}

/** The policy of one cluster, defaults applied. */
export type ClusterPolicy = z.output<typeof clusterPolicySchema>;
/** The policy as written in app-config (every field optional). */
export type ClusterPolicyInput = z.input<typeof clusterPolicySchema>;
/** A price table. */
export type PriceTable = z.output<typeof priceTableSchema>;
