import fc from 'fast-check';
import { clusterPolicySchema } from './ClusterPolicy';
import { poolRequestSchema } from '../model/PoolRequest';
import { evaluatePolicy } from './evaluatePolicy';
import { teamBudgetRemaining } from './teamBudget';
import { formatQuantity } from '../quantity/Quantity';
import {
  createRequestArbitrary,
  defaultPolicy,
} from '../__testUtils__/arbitraries';
import { request, pool, pathsOf } from './__testUtils__/policyRequests';

describe('evaluatePolicy: limits and team budget', () => {
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
});
