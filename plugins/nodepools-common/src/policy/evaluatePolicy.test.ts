import fc from 'fast-check';
import { poolRequestSchema, type PoolRequest } from '../model/PoolRequest';
import type { PoolSpec } from '../model/PoolSpec';
import { clusterPolicySchema } from './ClusterPolicy';
import { evaluatePolicy } from './evaluatePolicy';
import { teamBudgetRemaining, type ExistingPool } from './teamBudget';
import {
  createRequestArbitrary,
  defaultPolicy,
} from '../__testUtils__/arbitraries';
import { formatQuantity } from '../quantity/Quantity';

const spec: PoolSpec = {
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '16', memory: '64Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
};

const request = (
  patch: Partial<PoolSpec> = {},
  kind: 'create' | 'update' = 'create',
): PoolRequest =>
  poolRequestSchema.parse({
    kind,
    owner: 'group:default/payments',
    cluster: 'local',
    pool: 'pci',
    justification: 'dedicated PCI nodes',
    spec: { ...spec, ...patch },
  });

const pool = (
  name: string,
  limits: PoolSpec['limits'],
  owner = 'group:default/payments',
  extra: Partial<ExistingPool> = {},
): ExistingPool => ({
  id: name,
  owner,
  cluster: 'local',
  name,
  phase: 'ready',
  spec: { ...spec, limits, namespaces: [`${name}-ns`] },
  ...extra,
});

const pathsOf = (r: ReturnType<typeof evaluatePolicy>) =>
  r.violations.map(v => v.path);

describe('evaluatePolicy', () => {
  it('allows a request inside the policy', () => {
    expect(evaluatePolicy(request(), defaultPolicy, [])).toEqual({
      allowed: true,
      violations: [],
    });
  });

  it('reports each disallowed choice with what was asked and what is allowed', () => {
    const strict = clusterPolicySchema.parse({
      architectures: ['amd64'],
      capacityTypes: ['on-demand'],
      nodeClasses: ['general'],
      minInstanceGeneration: 6,
    });
    const result = evaluatePolicy(
      request({
        requirements: {
          architectures: ['arm64'],
          capacityTypes: ['spot'],
          instanceCategories: ['x'],
          minInstanceGeneration: 4,
        },
      }),
      strict,
      [],
    );
    expect(result.allowed).toBe(false);
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining([
        'spec.requirements.architectures',
        'spec.requirements.capacityTypes',
        'spec.requirements.instanceCategories',
        'spec.requirements.minInstanceGeneration',
        'spec.nodeClass',
      ]),
    );
    const arch = result.violations.find(
      v => v.path === 'spec.requirements.architectures',
    )!;
    expect(arch).toMatchObject({ asked: 'arm64', allowed: 'amd64' });
  });

  it('refuses limits too small to ever fit one node, at the policy minimum (1 cpu, 1Gi by default)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 999 }).map(m => `${m}m`),
          fc.integer({ min: 1, max: 999_999_999 }).map(n => `${n}n`),
          fc.constantFrom('0.5', '999m', '1n'),
        ),
        fc.oneof(
          fc.integer({ min: 1, max: 1023 }).map(m => `${m}Mi`),
          fc.integer({ min: 1, max: 1_073_741_823 }).map(String),
          fc.constantFrom('65', '1G', '1023Mi'),
        ),
        fc.boolean(),
        (cpu, memory, tooSmallCpu) => {
          const limits = tooSmallCpu
            ? { cpu, memory: '1Gi' }
            : { cpu: '1', memory };
          const result = evaluatePolicy(request({ limits }), defaultPolicy, []);
          const field = tooSmallCpu ? 'spec.limits.cpu' : 'spec.limits.memory';
          expect(result.allowed).toBe(false);
          expect(result.violations).toContainEqual(
            expect.objectContaining({
              path: field,
              allowed: tooSmallCpu ? 'at least 1' : 'at least 1Gi',
            }),
          );
        },
      ),
      { numRuns: 300 },
    );
    expect(
      evaluatePolicy(
        request({ limits: { cpu: '1', memory: '1Gi' } }),
        defaultPolicy,
        [],
      ).allowed,
    ).toBe(true);
    const tiny = clusterPolicySchema.parse({
      minPoolLimits: { cpu: '100m', memory: '64Mi' },
    });
    expect(
      evaluatePolicy(
        request({ limits: { cpu: '100m', memory: '64Mi' } }),
        tiny,
        [],
      ).allowed,
    ).toBe(true);
  });

  it('refuses a fraction of a GPU', () => {
    const gpus = clusterPolicySchema.parse({
      maxPoolLimits: { cpu: '64', memory: '256Gi', gpu: '8' },
      teamBudget: { cpu: '128', memory: '512Gi', gpu: '8' },
    });
    const limits = (gpu: string) => ({ cpu: '8', memory: '32Gi', gpu });
    expect(
      pathsOf(evaluatePolicy(request({ limits: limits('500m') }), gpus, [])),
    ).toEqual(['spec.limits.gpu']);
    expect(
      evaluatePolicy(request({ limits: limits('2') }), gpus, []).allowed,
    ).toBe(true);
  });

  it('refuses a minimum above the maximum in the policy itself', () => {
    const result = clusterPolicySchema.safeParse({
      minPoolLimits: { cpu: '128', memory: '1Gi' },
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual(['minPoolLimits', 'cpu']);
  });

  it('refuses instance categories on a cluster whose policy lists none (kwok), and renders none', () => {
    const kwok = clusterPolicySchema.parse({
      nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
      instanceCategories: [],
    });
    const named = request({
      requirements: {
        architectures: ['amd64'],
        capacityTypes: ['spot'],
        instanceCategories: ['p'],
      },
    });
    expect(evaluatePolicy(named, kwok, []).violations).toEqual([
      expect.objectContaining({
        path: 'spec.requirements.instanceCategories',
        asked: 'p',
        allowed: 'none',
      }),
    ]);
    expect(evaluatePolicy(request(), kwok, []).allowed).toBe(true);
  });

  it('refuses, naming each, the instance requirements a kwok node class cannot honour (the rendering would drop them)', () => {
    const kwok = clusterPolicySchema.parse({
      nodeClassRef: { group: 'karpenter.kwok.sh', kind: 'KWOKNodeClass' },
      instanceCategories: [],
    });
    const guideLike = request({
      requirements: {
        architectures: ['amd64'],
        capacityTypes: ['spot'],
        instanceCategories: ['m', 'c', 'r'],
        minInstanceGeneration: 6,
        excludedInstanceSizes: ['nano', 'metal'],
        zones: ['zone-a'],
      },
    });
    const { allowed, violations } = evaluatePolicy(guideLike, kwok, []);
    expect(allowed).toBe(false);
    expect(violations.map(v => [v.path, v.asked, v.allowed])).toEqual([
      ['spec.requirements.instanceCategories', 'm, c, r', 'none'],
      ['spec.requirements.minInstanceGeneration', '6', 'none'],
      ['spec.requirements.excludedInstanceSizes', 'nano, metal', 'none'],
    ]);
    expect(violations[1].message).toBe(
      'A minimum instance generation cannot be honoured on this cluster: its node class KWOKNodeClass (karpenter.kwok.sh) has no karpenter.k8s.aws/instance-generation label to select on; leave it out',
    );
    // Zones are a well-known label every provider sets: kept, and not refused.
    expect(
      evaluatePolicy(
        request({
          requirements: {
            architectures: ['amd64'],
            capacityTypes: ['spot'],
            zones: ['zone-a'],
          },
        }),
        kwok,
        [],
      ).allowed,
    ).toBe(true);
    // The same request on an AWS cluster is within the default policy.
    expect(evaluatePolicy(guideLike, defaultPolicy, []).violations).toEqual([]);
  });

  it('refuses any requirement value outside the policy list, named or not', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('c', 'm', 'r', 'g', 'p'), {
          minLength: 1,
        }),
        fc.uniqueArray(fc.constantFrom('c', 'm', 'r', 'g', 'p', 'x'), {
          minLength: 1,
        }),
        (allowed, asked) => {
          const policy = clusterPolicySchema.parse({
            instanceCategories: allowed,
          });
          const result = evaluatePolicy(
            request({
              requirements: {
                architectures: ['amd64'],
                capacityTypes: ['spot'],
                instanceCategories: asked,
              },
            }),
            policy,
            [],
          );
          const outside = asked.filter(c => !(allowed as string[]).includes(c));
          expect(pathsOf(result)).toEqual(
            outside.length > 0 ? ['spec.requirements.instanceCategories'] : [],
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('compares limits as quantities, not strings', () => {
    const policy = clusterPolicySchema.parse({
      maxPoolLimits: { cpu: '8', memory: '1Gi' },
      teamBudget: { cpu: '100', memory: '100Gi' },
    });
    expect(
      pathsOf(
        evaluatePolicy(
          request({ limits: { cpu: '8000m', memory: '1024Mi' } }),
          policy,
          [],
        ),
      ),
    ).toEqual([]);
    expect(
      pathsOf(
        evaluatePolicy(
          request({ limits: { cpu: '8001m', memory: '1025Mi' } }),
          policy,
          [],
        ),
      ),
    ).toEqual(['spec.limits.cpu', 'spec.limits.memory']);
  });

  it('refuses GPUs where the cluster offers none', () => {
    const result = evaluatePolicy(
      request({ limits: { cpu: '1', memory: '1Gi', gpu: '1' } }),
      defaultPolicy,
      [],
    );
    expect(result.violations[0]).toMatchObject({
      path: 'spec.limits.gpu',
      message: 'GPU is not offered on this cluster',
    });
  });

  it('says each violation as a sentence a requester reads, keeping the field path', () => {
    const strict = clusterPolicySchema.parse({
      architectures: ['amd64'],
      capacityTypes: ['on-demand'],
      nodeClasses: ['general', 'gpu'],
      minInstanceGeneration: 6,
      instanceCategories: ['c', 'm'],
      maxPoolLimits: { cpu: '64', memory: '256Gi', gpu: '4' },
      teamBudget: { cpu: '96', memory: '1Ti', gpu: '4' },
    });
    const messages = (r: ReturnType<typeof evaluatePolicy>) =>
      Object.fromEntries(r.violations.map(v => [v.path, v.message]));
    const first = evaluatePolicy(
      request({
        requirements: {
          architectures: ['arm64'],
          capacityTypes: ['spot', 'on-demand'],
          instanceCategories: ['x', 'y'],
          minInstanceGeneration: 4,
        },
        limits: { cpu: '128', memory: '512m', gpu: '1.5' },
        nodeClass: 'default',
        expireAfter: 'Never',
        namespaces: ['payments', 'shared', 'kube-system'],
      }),
      strict,
      [
        {
          ...pool(
            'search',
            { cpu: '1', memory: '1Gi' },
            'group:default/search',
          ),
          spec: { ...spec, namespaces: ['shared'] },
        },
      ],
    );
    expect(messages(first)).toEqual({
      'spec.requirements.architectures':
        'Architecture arm64 is not allowed on this cluster, which allows amd64',
      'spec.requirements.capacityTypes':
        'Capacity type spot is not allowed on this cluster, which allows on-demand',
      'spec.requirements.instanceCategories':
        'Instance categories x, y are not allowed on this cluster, which allows c, m',
      'spec.requirements.minInstanceGeneration':
        'Instance generation 4 is older than this cluster allows: choose 6 or newer',
      'spec.limits.cpu':
        'CPU limit 128 puts the team over its budget on this cluster by 32 CPU: its budget is 96 CPU and its other pools hold 0 CPU',
      'spec.limits.memory':
        "Memory limit 512m is below this cluster's per-pool minimum of 1Gi: no node would ever fit",
      'spec.limits.gpu': 'GPU limit 1.5 must be a whole number of GPUs',
      'spec.nodeClass':
        'Node class default is not offered on this cluster, which offers general, gpu',
      'spec.expireAfter':
        'Nodes must expire on this cluster so that AMI and security updates roll out: choose a duration such as 720h',
      'spec.namespaces':
        'Namespace kube-system is a system namespace and cannot be given to a team',
      'spec.namespaces[1]':
        'Namespace shared already belongs to group:default/search; a namespace can use the pools of one team only',
    });
    // The per-pool maximum is its own sentence (the budget one above came later under the same path).
    expect(
      first.violations
        .filter(v => v.path === 'spec.limits.cpu')
        .map(v => v.message),
    ).toContain("CPU limit 128 is above this cluster's per-pool maximum of 64");
    expect(
      messages(
        evaluatePolicy(request({ nodeClass: 'gpu' }), strict, [], {
          readyNodeClasses: ['general'],
        }),
      )['spec.nodeClass'],
    ).toBe('Node class gpu does not exist in the cluster or is not Ready');
    expect(
      messages(
        evaluatePolicy(
          request({
            requirements: { ...spec.requirements, instanceCategories: ['c'] },
          }),
          clusterPolicySchema.parse({ instanceCategories: [] }),
          [],
        ),
      )['spec.requirements.instanceCategories'],
    ).toBe(
      'Instance categories are not offered on this cluster: leave them out',
    );
    const existing = [pool('pci', { cpu: '1', memory: '1Gi' })];
    expect(
      messages(evaluatePolicy(request(), defaultPolicy, existing)).pool,
    ).toBe(
      'The team already has a pool named pci on local; request a change instead',
    );
    expect(
      messages(evaluatePolicy(request({}, 'update'), defaultPolicy, [])).pool,
    ).toBe('The team has no pool named pci on local');
    expect(
      messages(
        evaluatePolicy(request({}, 'update'), defaultPolicy, [
          pool('pci', { cpu: '1', memory: '1Gi' }, undefined, {
            phase: 'decommissioning',
          }),
        ]),
      ).pool,
    ).toBe('Pool pci is being decommissioned');
  });

  it('checks the team budget across all of its pools on the cluster', () => {
    const policy = clusterPolicySchema.parse({
      teamBudget: { cpu: '40', memory: '1Ti' },
    });
    const pools = [
      pool('batch', { cpu: '20', memory: '10Gi' }),
      pool('web', { cpu: '10', memory: '10Gi' }),
      pool('theirs', { cpu: '40', memory: '10Gi' }, 'group:default/search'),
    ];
    expect(
      pathsOf(
        evaluatePolicy(
          request({ limits: { cpu: '10', memory: '1Gi' } }),
          policy,
          pools,
        ),
      ),
    ).toEqual([]);
    const over = evaluatePolicy(
      request({ limits: { cpu: '11', memory: '1Gi' } }),
      policy,
      pools,
    );
    expect(over.violations).toEqual([
      expect.objectContaining({
        path: 'spec.limits.cpu',
        allowed: 'at most 10 more',
      }),
    ]);
    // Removed pools no longer count; an update replaces the pool's own limits rather than adding to them.
    const removed = pools.map(p =>
      p.name === 'batch' ? { ...p, phase: 'removed' as const } : p,
    );
    expect(
      pathsOf(
        evaluatePolicy(
          request({ limits: { cpu: '30', memory: '1Gi' } }),
          policy,
          removed,
        ),
      ),
    ).toEqual([]);
    const existing = [...pools, pool('pci', { cpu: '10', memory: '1Gi' })];
    expect(
      pathsOf(
        evaluatePolicy(
          request({ limits: { cpu: '10', memory: '1Gi' } }, 'update'),
          policy,
          existing,
        ),
      ),
    ).toEqual([]);
  });

  it('never lets the budget be exceeded, whatever the pools and the request', () => {
    fc.assert(
      fc.property(
        createRequestArbitrary,
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 5 }),
        (raw, cpus) => {
          const req = poolRequestSchema.parse(raw);
          const pools = cpus.map((c, i) =>
            pool(`p${i}`, { cpu: String(c), memory: '1Gi' }, req.owner),
          );
          const result = evaluatePolicy(req, defaultPolicy, pools);
          const remaining = teamBudgetRemaining(
            req.owner,
            req.cluster,
            defaultPolicy,
            pools,
            { exceptPool: req.pool },
          );
          const overBudget =
            req.kind !== 'decommission' &&
            BigInt(
              Math.round(
                Number(req.spec.limits.cpu.replace('m', '')) *
                  (req.spec.limits.cpu.endsWith('m') ? 1e6 : 1e9),
              ),
            ) > remaining.cpu.nanos;
          expect(
            result.violations.some(
              v => v.path === 'spec.limits.cpu' && v.message.includes('budget'),
            ),
          ).toBe(overBudget);
          expect(formatQuantity(remaining.cpu)).not.toContain('-');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a namespace with one team and system namespaces with none', () => {
    const pools = [
      {
        ...pool('search', { cpu: '1', memory: '1Gi' }, 'group:default/search'),
        spec: { ...spec, namespaces: ['shared'] },
      },
    ];
    const result = evaluatePolicy(
      request({ namespaces: ['payments', 'shared', 'kube-system'] }),
      defaultPolicy,
      pools,
    );
    expect(pathsOf(result)).toEqual(
      expect.arrayContaining(['spec.namespaces[1]', 'spec.namespaces']),
    );
    expect(
      result.violations.find(v => v.path === 'spec.namespaces[1]')!.message,
    ).toContain('group:default/search');
  });

  it('knows whether the pool exists', () => {
    const existing = [pool('pci', { cpu: '1', memory: '1Gi' })];
    expect(pathsOf(evaluatePolicy(request(), defaultPolicy, existing))).toEqual(
      ['pool'],
    );
    expect(
      pathsOf(evaluatePolicy(request({}, 'update'), defaultPolicy, [])),
    ).toEqual(['pool']);
    const decommission = poolRequestSchema.parse({
      kind: 'decommission',
      owner: 'payments',
      cluster: 'local',
      pool: 'pci',
      justification: 'no longer needed',
    });
    expect(evaluatePolicy(decommission, defaultPolicy, existing).allowed).toBe(
      true,
    );
  });

  it('refuses nodes that never expire unless the platform allows it', () => {
    expect(
      pathsOf(
        evaluatePolicy(request({ expireAfter: 'Never' }), defaultPolicy, []),
      ),
    ).toEqual(['spec.expireAfter']);
    expect(
      pathsOf(
        evaluatePolicy(
          request({ expireAfter: 'Never' }),
          clusterPolicySchema.parse({ allowNeverExpire: true }),
          [],
        ),
      ),
    ).toEqual([]);
  });

  it('offers only Ready node classes when the cluster says which exist', () => {
    expect(
      pathsOf(
        evaluatePolicy(request(), defaultPolicy, [], {
          readyNodeClasses: ['other'],
        }),
      ),
    ).toEqual(['spec.nodeClass']);
  });
});

describe('clusterPolicySchema', () => {
  it('fills every default from an empty block', () => {
    expect(defaultPolicy.maxPoolLimits).toEqual({
      cpu: '64',
      memory: '256Gi',
      gpu: '0',
    });
    expect(defaultPolicy.taintKey).toBe('nodepools.backstage.io/team');
    expect(defaultPolicy.prices.spot.cpuCoreHour).toBeGreaterThan(0);
  });

  it('rejects bad values by key', () => {
    const result = clusterPolicySchema.safeParse({
      maxPoolLimits: { cpu: 'lots', memory: '1Gi' },
      quorum: 0,
      taintKey: 'has space',
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map(i => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['maxPoolLimits.cpu', 'quorum', 'taintKey']),
    );
    const restricted = clusterPolicySchema.safeParse({
      teamLabelKey: 'node.kubernetes.io/team',
      taintKey: 'karpenter.sh/team',
    });
    expect(
      restricted.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`),
    ).toEqual([
      'teamLabelKey: must not be in the restricted label domain "kubernetes.io"',
      'taintKey: must not be in the restricted label domain "karpenter.sh"',
    ]);
  });
});
