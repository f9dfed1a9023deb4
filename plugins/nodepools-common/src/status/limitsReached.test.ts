import fc from 'fast-check';
import { limitsReached, requestsExceedLimits } from './limitsReached';

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

describe('requestsExceedLimits', () => {
  const limits = { cpu: '4', memory: '16Gi' };
  it('is true when the request does not fit in what the limits leave', () => {
    expect(
      requestsExceedLimits(limits, { cpu: '2', memory: '3Gi' }, { cpu: '1' }),
    ).toBe(false);
    // Exactly the room left: no instance that small has that much allocatable.
    expect(
      requestsExceedLimits(limits, { cpu: '3', memory: '3Gi' }, { cpu: '1' }),
    ).toBe(true);
    expect(
      requestsExceedLimits(
        limits,
        { cpu: '3500m' },
        { cpu: '1', memory: '1Gi' },
      ),
    ).toBe(true);
    expect(
      requestsExceedLimits(
        limits,
        { cpu: '1', memory: '15Gi' },
        { memory: '2Gi' },
      ),
    ).toBe(true);
    expect(requestsExceedLimits(limits, undefined, { cpu: '5' })).toBe(true);
    // A resource the limits do not name never blocks.
    expect(
      requestsExceedLimits(limits, {}, { 'nvidia.com/gpu': '8', pods: '1' }),
    ).toBe(false);
  });

  it('agrees with whole-number arithmetic for any cpu values', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 512 }),
        fc.nat(512),
        fc.nat(64),
        (limit, used, need) => {
          expect(
            requestsExceedLimits(
              { cpu: String(limit), memory: '1Ti' },
              { cpu: String(used) },
              { cpu: String(need) },
            ),
          ).toBe(need > 0 && used + need >= limit);
        },
      ),
    );
  });
});
