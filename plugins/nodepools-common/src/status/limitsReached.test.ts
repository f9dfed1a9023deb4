import fc from 'fast-check';
import { limitsReached } from './limitsReached';

describe('limitsReached', () => {
  it('names the limits provisioned capacity has reached or passed', () => {
    const limits = { cpu: '8', memory: '32Gi', gpu: '2' };
    expect(limitsReached(limits, undefined)).toEqual([]);
    expect(limitsReached(limits, { cpu: '7', memory: '31Gi' })).toEqual([]);
    expect(limitsReached(limits, { cpu: '8', memory: '16Gi' })).toEqual([
      'cpu',
    ]);
    expect(
      limitsReached(limits, {
        cpu: '8500m',
        memory: '34359738368',
        'nvidia.com/gpu': '2',
      }),
    ).toEqual(['cpu', 'memory', 'gpu']);
    expect(
      limitsReached({ cpu: '8', memory: '32Gi' }, { cpu: 'lots' }),
    ).toEqual([]);
  });

  it('agrees with integer comparison for any whole-core cpu values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.nat(20_000),
        (limit, used) => {
          const reached = limitsReached(
            { cpu: String(limit), memory: '1Gi' },
            { cpu: `${used * 1000}m` },
          );
          expect(reached.includes('cpu')).toBe(used >= limit);
        },
      ),
    );
  });
});
