// ~350 lines: every test reads the two schemas loaded once in beforeAll (Backstage's loader is slow).
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { loadConfigSchema } from '@backstage/config-loader';
import type { JsonObject } from '@backstage/types';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { z } from 'zod';
import { readNodePoolsConfig } from './readNodePoolsConfig';

type ConfigSchema = Awaited<ReturnType<typeof loadConfigSchema>>;
let looseSchema: ConfigSchema;
let strictSchema: ConfigSchema;
beforeAll(async () => {
  // The package's config.d.ts, compiled as Backstage compiles it (config:check, prepack). That
  // runs the TypeScript compiler, so once; the strict variant reuses the compiled schema.
  looseSchema = await loadConfigSchema({
    dependencies: [],
    packagePaths: [resolve(__dirname, '../package.json')],
    excludePackageDependencies: true,
  });
  strictSchema = await loadConfigSchema({
    serialized: looseSchema.serialize(),
    noUndeclaredProperties: true,
  });
}, 60_000);

/**
 * The errors the schema finds in a `nodepools` section: alone (`strict: false`), or as
 * `backstage-cli config:check --strict` applies it (undeclared keys refused everywhere).
 */
function schemaErrors(nodepools: unknown, { strict = false } = {}): string[] {
  const schema = strict ? strictSchema : looseSchema;
  try {
    schema.process([{ data: { nodepools } as JsonObject, context: 'test' }]);
    return [];
  } catch (error) {
    return (error as { messages?: string[] }).messages ?? [String(error)];
  }
}

/** Every key the schema knows, each set to a value the backend accepts. */
const everyKey = () => ({
  platformOwner: 'group:default/platform',
  reconcileIntervalSeconds: 60,
  clusters: [
    {
      name: 'prod-eu',
      title: 'Production (eu-west-1)',
      description: 'Customer traffic',
      url: 'https://eks.example',
      caData: 'LS0tLS1CRUdJTg==',
      auth: { type: 'serviceAccount', token: 't0ken' },
      policy: {
        nodeClassRef: { group: 'karpenter.k8s.aws', kind: 'EC2NodeClass' },
        nodeClasses: ['default', 'gpu'],
        architectures: ['amd64', 'arm64'],
        capacityTypes: ['spot', 'on-demand', 'reserved'],
        instanceCategories: ['c', 'm', 'r'],
        minInstanceGeneration: 6,
        restrictedLabelDomains: ['kubernetes.io', 'k8s.io', 'karpenter.sh'],
        taintKey: 'example.com/team',
        teamLabelKey: 'example.com/team',
        systemNamespaces: ['kube-system'],
        reconcilerUsername:
          'system:serviceaccount:nodepools-system:nodepools-reconciler',
        defaults: {
          operatingSystem: 'linux',
          consolidationPolicy: 'WhenEmpty',
          consolidateAfter: '5m',
          expireAfter: 'Never',
          terminationGracePeriod: '48h',
          budgets: [
            { nodes: '10%' },
            {
              nodes: '0',
              schedule: '0 9 * * mon-fri',
              duration: '8h',
              reasons: ['Drifted'],
            },
          ],
          excludedInstanceSizes: ['nano', 'metal'],
          weight: 10,
        },
        allowNeverExpire: true,
        maxPoolLimits: { cpu: '64', memory: '256Gi', gpu: '4' },
        teamBudget: { cpu: '128', memory: '512Gi' },
        quorum: 2,
        approverGroups: ['group:default/platform'],
        requestExpiryHours: 72,
        grantTtlDays: 90,
        lifetime: {
          default: '30d',
          max: '90d',
          required: true,
          warnBefore: ['7d', '1d'],
          onExpiry: 'notify',
        },
        prices: {
          currency: 'EUR',
          hoursPerMonth: 720,
          'on-demand': { cpuCoreHour: 0.04, memoryGiBHour: 0.005 },
          spot: { cpuCoreHour: 0.015, memoryGiBHour: 0.002, gpuHour: 0.3 },
          reserved: { cpuCoreHour: 0.027, memoryGiBHour: 0.0036 },
        },
      },
      delivery: {
        type: 'git',
        repository: 'https://github.com/acme/clusters',
        branch: 'main',
        path: 'clusters/{cluster}/nodepools/{team}.{pool}.yaml',
        tenancyPath: 'clusters/{cluster}/tenancy.yaml',
        mode: 'pull-request',
      },
      pricing: {
        source: 'table',
        currency: 'EUR',
        asOf: '2026-12-01',
        instanceTypes: {
          'c-4x-amd64-linux': {
            vcpu: 4,
            memoryGiB: 8,
            gpus: 0,
            architecture: 'amd64',
            onDemand: 0.17,
            spot: 0.07,
          },
        },
      },
    },
    {
      name: 'staging',
      auth: {
        type: 'aws',
        clusterId: 'staging-eks',
        assumeRole: 'arn:aws:iam::123456789012:role/nodepools',
        externalId: 'backstage',
        accountId: '123456789012',
      },
      pricing: {
        source: 'aws',
        region: 'eu-west-1',
        accountId: '123456789012',
        refreshHours: 12,
      },
    },
  ],
});

type NodePoolsFixture = ReturnType<typeof everyKey>;
const withChange = (change: (c: NodePoolsFixture) => void) => {
  const config = everyKey();
  change(config);
  return config;
};
const policyOf = (c: NodePoolsFixture) => c.clusters[0].policy as any;

describe('config.d.ts', () => {
  it('accepts every key it declares, with values the backend accepts too', async () => {
    const config = everyKey();
    expect(schemaErrors(config)).toEqual([]);
    expect(schemaErrors(config, { strict: true })).toEqual([]);
    expect(() =>
      readNodePoolsConfig(new ConfigReader({ nodepools: config })),
    ).not.toThrow();
  });

  it.each([
    [
      'a misspelt policy key',
      (c: NodePoolsFixture) => {
        policyOf(c).maxPoolLimit = policyOf(c).maxPoolLimits;
        delete policyOf(c).maxPoolLimits;
      },
      'property name must be valid { propertyName=maxPoolLimit } at /nodepools/clusters/0/policy',
    ],
    [
      'a quorum in words',
      (c: NodePoolsFixture) => {
        policyOf(c).quorum = 'two';
      },
      'must be integer { type=integer } at /nodepools/clusters/0/policy/quorum',
    ],
    [
      'a quorum above 10',
      (c: NodePoolsFixture) => {
        policyOf(c).quorum = 11;
      },
      'must be <= 10 { comparison=<= limit=10 } at /nodepools/clusters/0/policy/quorum',
    ],
    [
      'a misspelt top-level key',
      (c: NodePoolsFixture) => {
        (c as any).platformOwnr = c.platformOwner;
      },
      'property name must be valid { propertyName=platformOwnr } at /nodepools',
    ],
    [
      'a misspelt cluster key',
      (c: NodePoolsFixture) => {
        (c.clusters[0] as any).titel = 'Production';
      },
      'property name must be valid { propertyName=titel } at /nodepools/clusters/0',
    ],
    [
      'a misspelt token key',
      (c: NodePoolsFixture) => {
        c.clusters[0].auth = { type: 'serviceAccount', tokn: 't0ken' } as any;
      },
      "must have required property 'token' { missingProperty=token } at /nodepools/clusters/0/auth",
    ],
    [
      'a misspelt defaults key',
      (c: NodePoolsFixture) => {
        policyOf(c).defaults.expiresAfter = '720h';
      },
      'property name must be valid { propertyName=expiresAfter } at /nodepools/clusters/0/policy/defaults',
    ],
    [
      'a misspelt budget key',
      (c: NodePoolsFixture) => {
        policyOf(c).defaults.budgets[0].node = '5';
      },
      'property name must be valid { propertyName=node } at /nodepools/clusters/0/policy/defaults/budgets/0',
    ],
    [
      'a misspelt price key',
      (c: NodePoolsFixture) => {
        policyOf(c).prices['on-demand'].cpuHour = 0.04;
      },
      'property name must be valid { propertyName=cpuHour } at /nodepools/clusters/0/policy/prices/on-demand',
    ],
    [
      'a misspelt instance price key',
      (c: NodePoolsFixture) => {
        (c.clusters[0] as any).pricing.instanceTypes[
          'c-4x-amd64-linux'
        ].ondemand = 0.1;
      },
      'property name must be valid { propertyName=ondemand } at /nodepools/clusters/0/pricing/instanceTypes/c-4x-amd64-linux',
    ],
    [
      'a pricing region that is no region',
      (c: NodePoolsFixture) => {
        (c.clusters[1] as any).pricing.region = 'Ireland';
      },
      'must match pattern',
    ],
    [
      'a GPU limit key of the CRD instead of ours',
      (c: NodePoolsFixture) => {
        policyOf(c).teamBudget['nvidia.com/gpu'] = '4';
      },
      'property name must be valid { propertyName=nvidia.com/gpu } at /nodepools/clusters/0/policy/teamBudget',
    ],
    [
      'an unknown architecture',
      (c: NodePoolsFixture) => {
        policyOf(c).architectures = ['x86_64'];
      },
      'must be equal to one of the allowed values { allowedValues=amd64,arm64 } at /nodepools/clusters/0/policy/architectures/0',
    ],
    [
      'a limit that is no quantity',
      (c: NodePoolsFixture) => {
        policyOf(c).maxPoolLimits.memory = '256 GB';
      },
      'must match pattern',
    ],
    [
      'an expiry that is no duration',
      (c: NodePoolsFixture) => {
        policyOf(c).defaults.expireAfter = '30 days';
      },
      'must match pattern',
    ],
    [
      'a cluster name that is no DNS label',
      (c: NodePoolsFixture) => {
        c.clusters[0].name = 'Prod_EU';
      },
      'must match pattern',
    ],
    [
      'a reconcile interval below 5 s',
      (c: NodePoolsFixture) => {
        c.reconcileIntervalSeconds = 1;
      },
      'must be >= 5 { comparison=>= limit=5 } at /nodepools/reconcileIntervalSeconds',
    ],
  ])('refuses %s and names it', async (_, change, message) => {
    const config = withChange(change);
    const loose = schemaErrors(config);
    expect(loose.join('\n')).toContain(message);
    expect(schemaErrors(config, { strict: true })).toEqual(
      expect.arrayContaining(loose),
    );
  });

  it('agrees with the backend, which refuses the same policy mistakes at start', async () => {
    // The backend reads top-level and cluster keys one by one and ignores unknown ones; the
    // policy goes through the strict zod schema.
    const policyTypo = withChange(c => {
      policyOf(c).maxPoolLimit = { cpu: '8', memory: '8Gi' };
    });
    expect(() =>
      readNodePoolsConfig(new ConfigReader({ nodepools: policyTypo })),
    ).toThrow(/policy/);
    const wordQuorum = withChange(c => {
      policyOf(c).quorum = 'two';
    });
    expect(() =>
      readNodePoolsConfig(new ConfigReader({ nodepools: wordQuorum })),
    ).toThrow(/policy\.quorum/);
  });

  it('lists in `@propertyNames` exactly the keys of each object', () => {
    const schema = compiledSchema();
    const objects = objectSchemas(schema.properties!.nodepools);
    expect(objects.length).toBeGreaterThan(10);
    for (const { path, node } of objects) {
      expect({ path, keys: node.propertyNames?.enum?.slice().sort() }).toEqual({
        path,
        keys: Object.keys(node.properties!).sort(),
      });
    }
  });

  it('declares the policy as the zod schema of nodepools-common reads it', () => {
    const schema = compiledSchema();
    const declared =
      schema.properties!.nodepools.properties!.clusters.items!.properties!
        .policy;
    const zodInput = z.toJSONSchema(clusterPolicySchema, {
      io: 'input',
      unrepresentable: 'any',
    }) as JsonSchema;
    expect(shape(declared)).toEqual(shape(zodInput));
  });
});

interface JsonSchema {
  type?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  propertyNames?: { enum?: string[] };
}

/** The JSON schema Backstage compiled from config.d.ts. */
function compiledSchema(): JsonSchema {
  const { schemas } = looseSchema.serialize() as unknown as {
    schemas: { value: JsonSchema }[];
  };
  return schemas[0].value;
}

/** Every object schema with declared properties under `node`, with its path. */
function objectSchemas(
  node: JsonSchema,
  path = 'nodepools',
): { path: string; node: JsonSchema }[] {
  const own = node.properties ? [{ path, node }] : [];
  const children = [
    ...Object.entries(node.properties ?? {}).map(
      ([key, child]) => [`${path}.${key}`, child] as const,
    ),
    ...(node.items ? [[`${path}[]`, node.items] as const] : []),
    ...(node.anyOf ?? []).map((child, i) => [`${path}|${i}`, child] as const),
  ];
  return [
    ...own,
    ...children.flatMap(([childPath, child]) =>
      objectSchemas(child, childPath),
    ),
  ];
}

/** What both schemas must agree on: keys, which are required, types and allowed values. */
function shape(node: JsonSchema): unknown {
  return {
    type: node.type,
    enum: node.enum,
    required: node.required?.slice().sort(),
    items: node.items && shape(node.items),
    properties:
      node.properties &&
      Object.fromEntries(
        Object.entries(node.properties).map(([k, v]) => [k, shape(v)]),
      ),
  };
}
