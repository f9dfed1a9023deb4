import fc from 'fast-check';
import type { NodeSelectorRequirement } from '../render/manifestTypes';
import { ceilingFromPrices } from './ceilingFromPrices';
import {
  allowedOfferings,
  cheapestFull,
  dearestFitting,
  type Offering,
  type Room,
} from './priceCeiling';
import type { InstanceTypePrice, PriceBook } from './priceBook';

const source = { kind: 'table' as const, stale: false };
const book = (instanceTypes: InstanceTypePrice[]): PriceBook => ({
  currency: 'USD',
  source,
  instanceTypes,
});
const requirements = (
  capacityTypes: string[],
  more: NodeSelectorRequirement[] = [],
): NodeSelectorRequirement[] => [
  { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
  { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
  { key: 'karpenter.sh/capacity-type', operator: 'In', values: capacityTypes },
  ...more,
];
const ALL = ['spot', 'on-demand'];

const price = fc.double({ min: 0.001, max: 10, noNaN: true });
const instanceType = (i: number) =>
  fc.record({
    name: fc.constant(`t${i}.large`),
    vcpu: fc.constantFrom(1, 2, 4, 8, 16, 48, 96),
    memoryGiB: fc.constantFrom(0.5, 1, 2, 8, 32, 64, 384),
    architecture: fc.constantFrom('amd64' as const, 'arm64' as const),
    onDemandHourly: fc.option(price, { nil: undefined }),
    spotHourly: fc.option(
      fc.dictionary(fc.constantFrom('z-a', 'z-b', 'z-c'), price, {
        minKeys: 1,
      }),
      { nil: undefined },
    ),
  }) as fc.Arbitrary<InstanceTypePrice>;
const instanceTypes = fc
  .integer({ min: 1, max: 8 })
  .chain(n =>
    fc.tuple(...Array.from({ length: n }, (_, i) => instanceType(i))),
  );
const room = fc.record({
  vcpu: fc.integer({ min: 1, max: 500 }),
  memoryGiB: fc.integer({ min: 1, max: 2000 }),
  gpus: fc.constant(0),
}) as fc.Arbitrary<Room>;

/** Fleet cost and use for fractional node counts of each offering. */
function fleet(offerings: Offering[], counts: number[], at: 'low' | 'high') {
  let hourly = 0;
  let vcpu = 0;
  let memoryGiB = 0;
  offerings.forEach((o, i) => {
    hourly += counts[i] * o[at].hourly;
    vcpu += counts[i] * o.type.vcpu;
    memoryGiB += counts[i] * o.type.memoryGiB;
  });
  return { hourly, vcpu, memoryGiB };
}

/** Counts scaled so the fleet just reaches a limit (the most Karpenter launches). */
function fillToLimit(offerings: Offering[], weights: number[], r: Room) {
  const use = fleet(offerings, weights, 'high');
  const scale = 1 / Math.max(use.vcpu / r.vcpu, use.memoryGiB / r.memoryGiB);
  return weights.map(w => w * scale);
}

describe('the ceiling from instance prices (properties)', () => {
  it('no fleet that fits the limits costs more than high, none that reaches a limit costs less than low', () => {
    fc.assert(
      fc.property(
        instanceTypes,
        room,
        fc.array(fc.integer({ min: 0, max: 100 }), {
          minLength: 16,
          maxLength: 16,
        }),
        (types, r, weights) => {
          const offerings = allowedOfferings(requirements(ALL), book(types), r);
          fc.pre(offerings.length > 0);
          const w = offerings.map((_, i) => weights[i % weights.length]);
          fc.pre(w.some(x => x > 0));
          const counts = fillToLimit(offerings, w, r);
          const high = dearestFitting(offerings, r).hourly;
          const low = cheapestFull(offerings, r).hourly;
          const tolerance = 1e-6 * Math.max(1, high);
          expect(fleet(offerings, counts, 'high').hourly).toBeLessThanOrEqual(
            high + tolerance,
          );
          expect(fleet(offerings, counts, 'low').hourly).toBeGreaterThanOrEqual(
            low - tolerance,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a fleet that fills both limits exactly costs at most high and at least low', () => {
    // The limits are made from the fleet, so both are reached: mixes of two or more types
    // that use vCPU and memory fully are the ones a single-type bound would miss.
    fc.assert(
      fc.property(
        instanceTypes,
        fc.array(fc.constantFrom(0, 0, 1, 2, 3, 5, 8, 13), {
          minLength: 16,
          maxLength: 16,
        }),
        (types, weights) => {
          const wide = { vcpu: 1e6, memoryGiB: 1e6, gpus: 0 };
          const offerings = allowedOfferings(
            requirements(ALL),
            book(types),
            wide,
          );
          fc.pre(offerings.length > 0);
          const counts = offerings.map((_, i) => weights[i % weights.length]);
          const use = fleet(offerings, counts, 'high');
          fc.pre(use.vcpu > 0);
          const r = { vcpu: use.vcpu, memoryGiB: use.memoryGiB, gpus: 0 };
          const tolerance = 1e-6 * Math.max(1, use.hourly);
          expect(use.hourly).toBeLessThanOrEqual(
            dearestFitting(offerings, r).hourly + tolerance,
          );
          expect(fleet(offerings, counts, 'low').hourly).toBeGreaterThanOrEqual(
            cheapestFull(offerings, r).hourly - tolerance,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('high is reached: its fleet fits the limits and costs exactly high', () => {
    fc.assert(
      fc.property(instanceTypes, room, (types, r) => {
        const offerings = allowedOfferings(requirements(ALL), book(types), r);
        fc.pre(offerings.length > 0);
        const { hourly, parts } = dearestFitting(offerings, r);
        const byName = new Map(types.map(t => [t.name, t]));
        const use = parts.reduce(
          (acc, p) => ({
            vcpu: acc.vcpu + p.nodes * byName.get(p.instanceType)!.vcpu,
            mem: acc.mem + p.nodes * byName.get(p.instanceType)!.memoryGiB,
            cost: acc.cost + p.nodes * p.hourly,
          }),
          { vcpu: 0, mem: 0, cost: 0 },
        );
        // Node counts in parts are rounded to 1/100.
        const slack = 0.01 * 2;
        expect(use.vcpu).toBeLessThanOrEqual(
          r.vcpu + slack * Math.max(...types.map(t => t.vcpu)),
        );
        expect(use.mem).toBeLessThanOrEqual(
          r.memoryGiB + slack * Math.max(...types.map(t => t.memoryGiB)),
        );
        expect(use.cost).toBeCloseTo(hourly, 0);
      }),
    );
  });

  it('low ≤ high, both scale with the prices and with the limits', () => {
    fc.assert(
      fc.property(
        instanceTypes,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 800 }),
        fc.integer({ min: 2, max: 5 }),
        (types, cpu, mem, k) => {
          const limits = { cpu: String(cpu), memory: `${mem}Gi` };
          const base = ceilingFromPrices(
            limits,
            requirements(ALL),
            book(types),
            730,
          );
          fc.pre(base !== undefined);
          expect(base!.low).toBeLessThanOrEqual(base!.high);
          const scaled = types.map(t => ({
            ...t,
            onDemandHourly: t.onDemandHourly && t.onDemandHourly * k,
            spotHourly:
              t.spotHourly &&
              Object.fromEntries(
                Object.entries(t.spotHourly).map(([z, p]) => [z, p * k]),
              ),
          }));
          const dearer = ceilingFromPrices(
            limits,
            requirements(ALL),
            book(scaled),
            730,
          )!;
          const bigger = ceilingFromPrices(
            { cpu: String(cpu * k), memory: `${mem * k}Gi` },
            requirements(ALL),
            book(types),
            730,
          )!;
          for (const other of [dearer, bigger]) {
            expect(other.high).toBeCloseTo(base!.high * k, -1);
            expect(other.low).toBeCloseTo(base!.low * k, -1);
          }
        },
      ),
    );
  });

  it('narrowing the requirements never raises high nor lowers low', () => {
    fc.assert(
      fc.property(instanceTypes, room, (types, r) => {
        const limits = { cpu: String(r.vcpu), memory: `${r.memoryGiB}Gi` };
        const wide = ceilingFromPrices(
          limits,
          requirements(ALL),
          book(types),
          730,
        );
        const narrow = ceilingFromPrices(
          limits,
          requirements(
            ['spot'],
            [
              {
                key: 'topology.kubernetes.io/zone',
                operator: 'In',
                values: ['z-a'],
              },
            ],
          ),
          book(types),
          730,
        );
        fc.pre(wide !== undefined && narrow !== undefined);
        expect(narrow!.high).toBeLessThanOrEqual(wide!.high + 0.01);
        expect(narrow!.low).toBeGreaterThanOrEqual(wide!.low - 0.01);
      }),
    );
  });
});

describe('the ceiling from instance prices (examples)', () => {
  const types: InstanceTypePrice[] = [
    // CPU-heavy and memory-heavy: the dearest fleet mixes both to use both limits.
    {
      name: 'c5.xlarge',
      vcpu: 4,
      memoryGiB: 8,
      architecture: 'amd64',
      onDemandHourly: 0.2,
      spotHourly: { 'eu-west-1a': 0.08, 'eu-west-1b': 0.1 },
    },
    {
      name: 'r5.xlarge',
      vcpu: 4,
      memoryGiB: 32,
      architecture: 'amd64',
      onDemandHourly: 0.3,
    },
    {
      name: 'm7g.xlarge',
      vcpu: 4,
      memoryGiB: 16,
      architecture: 'arm64',
      onDemandHourly: 0.16,
    },
    {
      name: 'p3.2xlarge',
      vcpu: 8,
      memoryGiB: 61,
      gpus: 1,
      architecture: 'amd64',
      onDemandHourly: 3.06,
    },
  ];

  it('mixes two instance types when that costs more than any one alone', () => {
    // 40 vCPU and 200 GiB: 10 × c5 = 2.0/h; r5 fills memory at 6.25 nodes = 1.875/h;
    // 5 × c5 + 5 × r5 uses both limits exactly (40 vCPU, 200 GiB): 2.5/h.
    const c = ceilingFromPrices(
      { cpu: '40', memory: '200Gi' },
      requirements(ALL, [
        { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
      ]),
      book(types),
      730,
    )!;
    expect(c.high).toBeCloseTo(2.5 * 730, 2);
    expect(c.basis).toMatchObject({
      method: 'instance-prices',
      dearest: [
        { instanceType: 'c5.xlarge', capacityType: 'on-demand', nodes: 5 },
        { instanceType: 'r5.xlarge', capacityType: 'on-demand', nodes: 5 },
      ],
      // The cheapest per vCPU: spot c5 in the cheaper zone, 10 nodes to reach 40 vCPU.
      cheapest: [
        {
          instanceType: 'c5.xlarge',
          capacityType: 'spot',
          zone: 'eu-west-1a',
          nodes: 10,
        },
      ],
    });
    expect(c.low).toBeCloseTo(0.8 * 730, 2);
    expect(c.basis?.summary).toMatch(/^List prices before discounts/);
    expect(c.basis?.summary).toMatch(/not usage/);
  });

  it('leaves GPU types out unless GPUs are granted, and honours zones and capacity types', () => {
    const onlySpotB = ceilingFromPrices(
      { cpu: '8', memory: '16Gi' },
      requirements(
        ['spot'],
        [
          {
            key: 'topology.kubernetes.io/zone',
            operator: 'In',
            values: ['eu-west-1b'],
          },
        ],
      ),
      book(types),
      730,
    )!;
    expect(onlySpotB.low).toBeCloseTo(2 * 0.1 * 730, 2);
    expect(onlySpotB.high).toBeCloseTo(2 * 0.1 * 730, 2);
    expect(onlySpotB.byCapacityType).toEqual({ spot: 146 });
    const noGpu = ceilingFromPrices(
      { cpu: '8', memory: '61Gi' },
      requirements(['on-demand']),
      book(types),
      730,
    )!;
    expect(JSON.stringify(noGpu.basis)).not.toContain('p3.2xlarge');
    const gpu = ceilingFromPrices(
      { cpu: '8', memory: '61Gi', gpu: '1' },
      requirements(['on-demand']),
      book(types),
      730,
    )!;
    expect(gpu.high).toBeCloseTo(3.06 * 730, 2);
  });

  it('applies AWS instance labels: category, generation and size requirements', () => {
    const c = ceilingFromPrices(
      { cpu: '16', memory: '64Gi' },
      requirements(
        ['on-demand'],
        [
          {
            key: 'karpenter.k8s.aws/instance-category',
            operator: 'In',
            values: ['m'],
          },
          {
            key: 'karpenter.k8s.aws/instance-generation',
            operator: 'Gt',
            values: ['6'],
          },
          {
            key: 'karpenter.k8s.aws/instance-size',
            operator: 'NotIn',
            values: ['metal'],
          },
        ],
      ),
      book(types),
      730,
    )!;
    expect(c.basis).toMatchObject({ instanceTypes: 1 });
    expect(c.high).toBeCloseTo(4 * 0.16 * 730, 2);
  });

  it('prices reserved capacity at the on-demand list price and gives up when nothing is priced', () => {
    const reserved = ceilingFromPrices(
      { cpu: '4', memory: '8Gi' },
      requirements(
        ['reserved'],
        [
          {
            key: 'node.kubernetes.io/instance-type',
            operator: 'In',
            values: ['c5.xlarge'],
          },
        ],
      ),
      book(types),
      730,
    )!;
    expect(reserved.high).toBeCloseTo(0.2 * 730, 2);
    expect(
      ceilingFromPrices(
        { cpu: '4', memory: '8Gi' },
        requirements(
          ['spot'],
          [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }],
        ),
        book(types),
        730,
      ),
    ).toBeUndefined();
  });
});
