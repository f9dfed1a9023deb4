import fc from 'fast-check';
import {
  clusterPolicySchema,
  type ClusterPolicy,
} from '../policy/ClusterPolicy';

/** The default policy, as a cluster with an empty policy block gets it. */
export const defaultPolicy: ClusterPolicy = clusterPolicySchema.parse({});

const dnsLabel = (maxLength: number) =>
  fc
    .stringMatching(/^[a-z]([a-z0-9-]{0,20}[a-z0-9])?$/)
    .filter(s => s.length <= maxLength);

const subset = <T>(values: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...values), {
    minLength: 1,
    maxLength: values.length,
  });

const duration = fc
  .array(
    fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom('s', 'm', 'h')),
    { minLength: 1, maxLength: 3 },
  )
  .map(parts => parts.map(([n, u]) => `${n}${u}`).join(''));

const cpu = fc.oneof(
  fc.integer({ min: 1, max: 64 }).map(String),
  fc.integer({ min: 100, max: 64000 }).map(m => `${m}m`),
);
const memory = fc.oneof(
  fc.integer({ min: 1, max: 256 }).map(g => `${g}Gi`),
  fc.integer({ min: 512, max: 262144 }).map(m => `${m}Mi`),
  fc.integer({ min: 1, max: 274 }).map(g => `${g}G`),
);

const budget = fc.oneof(
  fc.record({
    nodes: fc.oneof(
      fc.integer({ min: 0, max: 100 }).map(n => `${n}%`),
      fc.integer({ min: 0, max: 50 }).map(String),
    ),
  }),
  fc.record({
    nodes: fc.integer({ min: 0, max: 100 }).map(n => `${n}%`),
    schedule: fc.constantFrom(
      '@daily',
      '0 9 * * mon-fri',
      '@hourly',
      '30 22 * * *',
    ),
    duration: fc.constantFrom('1h', '8h', '30m', '1h30m', '10h0s'),
    reasons: fc.uniqueArray(
      fc.constantFrom('Underutilized', 'Empty', 'Drifted' as const),
      { minLength: 1, maxLength: 3 },
    ),
  }),
);

/** A pool spec inside the default policy's allowances. */
export const poolSpecArbitrary = fc.record(
  {
    requirements: fc.record(
      {
        architectures: subset(['amd64', 'arm64'] as const),
        capacityTypes: subset(['spot', 'on-demand'] as const),
        instanceCategories: subset(['c', 'm', 'r']),
        minInstanceGeneration: fc.integer({ min: 2, max: 8 }),
        excludedInstanceSizes: fc.uniqueArray(
          fc.constantFrom('nano', 'micro', 'small', 'metal'),
          { minLength: 1 },
        ),
        zones: fc.uniqueArray(
          fc.constantFrom('eu-west-1a', 'eu-west-1b', 'eu-west-1c'),
          { minLength: 1 },
        ),
      },
      { requiredKeys: ['architectures', 'capacityTypes'] },
    ),
    limits: fc.record({ cpu, memory }),
    disruption: fc.record(
      {
        consolidationPolicy: fc.constantFrom(
          'WhenEmpty',
          'WhenEmptyOrUnderutilized',
          'Balanced' as const,
        ),
        consolidateAfter: fc.oneof(duration, fc.constant('Never')),
        budgets: fc.array(budget, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    ),
    expireAfter: duration,
    terminationGracePeriod: duration,
    weight: fc.integer({ min: 1, max: 100 }),
    nodeClass: fc.constant('default'),
    namespaces: fc.uniqueArray(
      dnsLabel(30).filter(ns => !ns.startsWith('kube-')),
      { minLength: 1, maxLength: 4 },
    ),
  },
  { requiredKeys: ['requirements', 'limits', 'nodeClass', 'namespaces'] },
);

/** A well-formed create request of some team, within the default policy. */
export const createRequestArbitrary = fc.record({
  kind: fc.constant('create' as const),
  owner: dnsLabel(20).map(team => `group:default/${team}`),
  cluster: fc.constant('local'),
  pool: dnsLabel(30),
  justification: fc.constant('Batch jobs need isolated capacity'),
  spec: poolSpecArbitrary,
});
