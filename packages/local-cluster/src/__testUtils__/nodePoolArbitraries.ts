import fc from 'fast-check';

/**
 * Generators of NodePools that the AWS Karpenter v1.14.1 CRD accepts, built from the CRD's own
 * constraints (patterns, enums, ranges and CEL rules), for property tests.
 */

/** A node selector requirement as the NodePool CRD writes it. */
export interface Requirement {
  key: string;
  operator: string;
  values?: string[];
  minValues?: number;
}

/** A NodePool as generated here (a plain JSON object). */
export interface GeneratedNodePool {
  apiVersion: 'karpenter.sh/v1';
  kind: 'NodePool';
  metadata: { name: string };
  spec: {
    template: {
      metadata?: { labels?: Record<string, string> };
      spec: {
        requirements: Requirement[];
        nodeClassRef: { group: string; kind: string; name: string };
        taints?: Array<{ key: string; value?: string; effect: string }>;
        startupTaints?: Array<{ key: string; value?: string; effect: string }>;
        expireAfter?: string;
        terminationGracePeriod?: string;
      };
    };
    disruption?: {
      consolidationPolicy?: string;
      consolidateAfter: string;
      budgets?: Array<{
        nodes: string;
        schedule?: string;
        duration?: string;
        reasons?: string[];
      }>;
    };
    limits?: Record<string, string | number>;
    weight?: number;
  };
}

const alnum = fc.constantFrom(
  ...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''),
);
const dnsLabel = fc
  .tuple(
    alnum,
    fc.array(
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'.split('')),
      { maxLength: 10 },
    ),
    alnum,
  )
  .map(([a, mid, b]) => `${a}${mid.join('')}${b}`);

/** A metadata.name the apiserver accepts. */
export const objectName = dnsLabel;

/** A label value: alphanumerics with `-_.` inside, at most 63 characters. */
export const labelValue = fc
  .tuple(
    fc.constantFrom(...'abcXYZ019'.split('')),
    fc.array(fc.constantFrom(...'abcXYZ019-_.'.split('')), { maxLength: 12 }),
    fc.constantFrom(...'abcXYZ019'.split('')),
  )
  .map(([a, mid, b]) => `${a}${mid.join('')}${b}`);

// Keys the CRD lets users write: not karpenter.sh/* (other than capacity-type), not
// kubernetes.io/hostname, and karpenter.k8s.aws/* only from its allow-list.
const wellKnownKeys = [
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'topology.kubernetes.io/zone',
  'node.kubernetes.io/instance-type',
  'karpenter.sh/capacity-type',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-size',
];

/** A requirement or label key the AWS NodePool CRD allows. */
export const allowedKey = fc.oneof(
  fc.constantFrom(...wellKnownKeys),
  fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.example.com/${b}`),
  dnsLabel,
);

/** A template label key: like a requirement key, minus the nodepool label. */
const allowedLabelKey = allowedKey.filter(k => k !== 'karpenter.sh/nodepool');

const valueList = (minLength: number) =>
  fc.uniqueArray(labelValue, { minLength, maxLength: 5 });

const requirement: fc.Arbitrary<Requirement> = fc.oneof(
  fc
    .tuple(
      allowedKey,
      valueList(1),
      fc.option(fc.nat({ max: 49 }), { nil: undefined }),
    )
    .map(
      ([key, values, extra]): Requirement =>
        extra === undefined
          ? { key, operator: 'In', values }
          : {
              key,
              operator: 'In',
              values,
              minValues: 1 + (extra % values.length),
            },
    ),
  fc
    .tuple(allowedKey, valueList(0))
    .map(([key, values]): Requirement => ({ key, operator: 'NotIn', values })),
  fc
    .tuple(allowedKey, fc.constantFrom('Exists', 'DoesNotExist'))
    .map(([key, operator]): Requirement => ({ key, operator })),
  fc
    .tuple(
      allowedKey,
      fc.constantFrom('Gt', 'Lt', 'Gte', 'Lte'),
      fc.nat({ max: 100000 }),
    )
    .map(
      ([key, operator, n]): Requirement => ({
        key,
        operator,
        values: [String(n)],
      }),
    ),
);

const goDuration = fc
  .array(fc.tuple(fc.nat({ max: 999 }), fc.constantFrom('s', 'm', 'h')), {
    minLength: 1,
    maxLength: 3,
  })
  .map(parts => parts.map(([n, u]) => `${n}${u}`).join(''));

const taint = fc.record(
  {
    key: fc.oneof(
      dnsLabel,
      fc.tuple(dnsLabel, dnsLabel).map(([a, b]) => `${a}.example.com/${b}`),
    ),
    value: dnsLabel,
    effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute'),
  },
  { requiredKeys: ['key', 'effect'] },
);

const budget = fc
  .record(
    {
      nodes: fc.oneof(
        fc.integer({ min: 0, max: 100 }).map(n => `${n}%`),
        fc.nat({ max: 500 }).map(String),
      ),
      reasons: fc.uniqueArray(
        fc.constantFrom('Underutilized', 'Empty', 'Drifted'),
        { minLength: 1 },
      ),
      window: fc.tuple(
        fc.constantFrom('@daily', '@weekly', '0 9 * * mon-fri', '*/30 * * * *'),
        fc
          .tuple(fc.integer({ min: 1, max: 48 }), fc.constantFrom('h', 'm'))
          .map(([n, u]) => `${n}${u}`),
      ),
    },
    { requiredKeys: ['nodes'] },
  )
  .map(({ nodes, reasons, window }) => ({
    nodes,
    ...(reasons ? { reasons } : {}),
    ...(window ? { schedule: window[0], duration: window[1] } : {}),
  }));

const quantity = fc.oneof(
  fc.nat({ max: 100000 }),
  fc
    .tuple(
      fc.nat({ max: 5000 }),
      fc.constantFrom('', 'm', 'k', 'Ki', 'Mi', 'Gi', 'Ti'),
    )
    .map(([n, s]) => `${n}${s}`),
);

/** A NodePool the AWS v1 NodePool CRD accepts. */
export const validNodePool: fc.Arbitrary<GeneratedNodePool> = fc
  .record(
    {
      name: objectName,
      requirements: fc.array(requirement, { maxLength: 8 }),
      nodeClassName: dnsLabel,
      labels: fc.dictionary(allowedLabelKey, labelValue, { maxKeys: 4 }),
      taints: fc.array(taint, { maxLength: 3 }),
      startupTaints: fc.array(taint, { maxLength: 2 }),
      expireAfter: fc.oneof(goDuration, fc.constant('Never')),
      terminationGracePeriod: goDuration,
      disruption: fc.record(
        {
          consolidationPolicy: fc.constantFrom(
            'WhenEmpty',
            'WhenEmptyOrUnderutilized',
            'Balanced',
          ),
          consolidateAfter: fc.oneof(goDuration, fc.constant('Never')),
          budgets: fc.array(budget, { maxLength: 3 }),
        },
        { requiredKeys: ['consolidateAfter'] },
      ),
      limits: fc.dictionary(
        fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu', 'nodes'),
        quantity,
        { maxKeys: 3 },
      ),
      weight: fc.integer({ min: 1, max: 100 }),
    },
    { requiredKeys: ['name', 'requirements', 'nodeClassName'] },
  )
  .map(
    (r): GeneratedNodePool => ({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodePool',
      metadata: { name: r.name },
      spec: {
        template: {
          ...(r.labels ? { metadata: { labels: r.labels } } : {}),
          spec: {
            requirements: r.requirements,
            nodeClassRef: {
              group: 'karpenter.k8s.aws',
              kind: 'EC2NodeClass',
              name: r.nodeClassName,
            },
            ...(r.taints ? { taints: r.taints } : {}),
            ...(r.startupTaints ? { startupTaints: r.startupTaints } : {}),
            ...(r.expireAfter ? { expireAfter: r.expireAfter } : {}),
            ...(r.terminationGracePeriod
              ? { terminationGracePeriod: r.terminationGracePeriod }
              : {}),
          },
        },
        ...(r.disruption ? { disruption: r.disruption } : {}),
        ...(r.limits ? { limits: r.limits } : {}),
        ...(r.weight !== undefined ? { weight: r.weight } : {}),
      },
    }),
  );
