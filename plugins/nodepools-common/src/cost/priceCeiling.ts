import type { CAPACITY_TYPES, PoolLimits } from '../model/PoolSpec';
import { parseQuantity, quantityToNumber } from '../quantity/Quantity';
import type { NodeSelectorRequirement } from '../render/manifestTypes';
import type { FleetPart } from './estimateCost';
import { matchesRequirements } from './matchRequirements';
import {
  ANY_ZONE,
  instanceTypeLabels,
  type InstanceTypePrice,
  type PriceBook,
} from './priceBook';

type CapacityType = (typeof CAPACITY_TYPES)[number];

const CAPACITY_KEY = 'karpenter.sh/capacity-type';
const ZONE_KEY = 'topology.kubernetes.io/zone';
const GIB = 2 ** 30;

/** One way to buy an instance type the pool allows: its capacity type and the zones' price range. */
export interface Offering {
  type: InstanceTypePrice;
  capacityType: CapacityType;
  low: { hourly: number; zone?: string };
  high: { hourly: number; zone?: string };
}

/** Resources a fleet may hold at most: the pool's limits in vCPU, GiB and GPUs. */
export interface Room {
  vcpu: number;
  memoryGiB: number;
  gpus: number;
}

const amount = (text: string | undefined, scale = 1) => {
  if (text === undefined) return 0;
  const parsed = parseQuantity(text);
  return parsed.ok ? quantityToNumber(parsed.quantity) / scale : 0;
};

/** The pool's limits as numbers. */
export function roomOf(limits: PoolLimits): Room {
  return {
    vcpu: amount(limits.cpu),
    memoryGiB: amount(limits.memory, GIB),
    gpus: amount(limits.gpu),
  };
}

function zonePrices(
  spot: Record<string, number>,
  zoneRequirement: NodeSelectorRequirement | undefined,
): Array<{ hourly: number; zone?: string }> {
  return Object.entries(spot)
    .filter(
      ([zone]) =>
        zone === ANY_ZONE ||
        !zoneRequirement ||
        matchesRequirements({ [ZONE_KEY]: zone }, [zoneRequirement]),
    )
    .map(([zone, hourly]) => ({
      hourly,
      zone: zone === ANY_ZONE ? undefined : zone,
    }));
}

/**
 * Every instance type and capacity type the requirements allow, with its price. Reserved capacity
 * has no list price of its own (it is prepaid): it is priced at the on-demand list price, which is
 * what it costs at most. A GPU type is allowed only when the limits grant GPUs, as Karpenter's
 * `nvidia.com/gpu` limit of 0 keeps it from launching one.
 */
export function allowedOfferings(
  requirements: readonly NodeSelectorRequirement[],
  book: PriceBook,
  room: Room,
): Offering[] {
  const capacity = requirements.filter(r => r.key === CAPACITY_KEY);
  const zone = requirements.find(r => r.key === ZONE_KEY);
  const nodeRequirements = requirements.filter(
    r => r.key !== CAPACITY_KEY && r.key !== ZONE_KEY,
  );
  const allows = (ct: CapacityType) =>
    matchesRequirements({ [CAPACITY_KEY]: ct }, capacity);
  const out: Offering[] = [];
  for (const type of book.instanceTypes) {
    if (type.vcpu <= 0 || type.memoryGiB <= 0) continue;
    if ((type.gpus ?? 0) > 0 && room.gpus <= 0) continue;
    if (!matchesRequirements(instanceTypeLabels(type), nodeRequirements))
      continue;
    for (const ct of ['on-demand', 'reserved'] as const) {
      if (allows(ct) && type.onDemandHourly !== undefined) {
        const price = { hourly: type.onDemandHourly };
        out.push({ type, capacityType: ct, low: price, high: price });
      }
    }
    if (allows('spot') && type.spotHourly) {
      const prices = zonePrices(type.spotHourly, zone);
      if (prices.length > 0) {
        const sorted = [...prices].sort((a, b) => a.hourly - b.hourly);
        out.push({
          type,
          capacityType: 'spot',
          low: sorted[0],
          high: sorted[sorted.length - 1],
        });
      }
    }
  }
  return out;
}

interface Fleet {
  hourly: number;
  parts: FleetPart[];
}

const part = (
  o: Offering,
  nodes: number,
  price: { hourly: number; zone?: string },
): FleetPart => ({
  instanceType: o.type.name,
  capacityType: o.capacityType,
  ...(price.zone ? { zone: price.zone } : {}),
  nodes: Math.round(nodes * 100) / 100,
  hourly: price.hourly,
});

/**
 * The cheapest fleet that fills the pool to a limit: Karpenter stops launching once any limit
 * is reached, so this is one instance type bought until its vCPU, memory or GPUs hit the limit,
 * the one whose price per unit of that limit is lowest. Nodes are fractional (a bound).
 */
export function cheapestFull(offerings: Offering[], room: Room): Fleet {
  let best: Fleet = { hourly: Infinity, parts: [] };
  for (const o of offerings) {
    const share = Math.max(
      o.type.vcpu / room.vcpu,
      o.type.memoryGiB / room.memoryGiB,
      room.gpus > 0 ? (o.type.gpus ?? 0) / room.gpus : 0,
    );
    const nodes = 1 / share;
    const hourly = nodes * o.low.hourly;
    if (hourly < best.hourly) best = { hourly, parts: [part(o, nodes, o.low)] };
  }
  return best;
}

/**
 * The offerings no other one beats on both price per vCPU and price per GiB. A beaten one never
 * adds to the maximum: the nodes of the one that beats it that fit in the same vCPU and memory
 * cost at least as much. What remains is a short front (tens of types out of hundreds), which
 * keeps the pairs below cheap.
 */
function undominated(offerings: Offering[]): Offering[] {
  const perVcpu = (o: Offering) => o.high.hourly / o.type.vcpu;
  const perGiB = (o: Offering) => o.high.hourly / o.type.memoryGiB;
  const sorted = [...offerings].sort(
    (a, b) => perVcpu(b) - perVcpu(a) || perGiB(b) - perGiB(a),
  );
  const out: Offering[] = [];
  let best = -Infinity;
  for (const o of sorted) {
    if (perGiB(o) > best) {
      out.push(o);
      best = perGiB(o);
    }
  }
  return out;
}

/**
 * The dearest fleet that fits the vCPU and memory limits: the maximum of the linear programme
 * "price of the fleet, subject to its vCPU and memory within the limits" over fractional node
 * counts. With two constraints an optimum uses at most two instance types, so every single type
 * and every pair is tried: that is the exact maximum, hence a true upper bound for any fleet
 * Karpenter can launch (it never exceeds a limit). The GPU limit is left out, which can only
 * raise the bound.
 */
export function dearestFitting(offerings: Offering[], room: Room): Fleet {
  // Only the dearest offering of each instance type, and only undominated ones, can be part of
  // a maximum.
  const dearest = new Map<string, Offering>();
  for (const o of offerings) {
    const seen = dearest.get(o.type.name);
    if (!seen || o.high.hourly > seen.high.hourly) dearest.set(o.type.name, o);
  }
  const list = undominated([...dearest.values()]);
  const C = room.vcpu;
  const M = room.memoryGiB;
  let best: Fleet = { hourly: -Infinity, parts: [] };
  for (const o of list) {
    const nodes = Math.min(C / o.type.vcpu, M / o.type.memoryGiB);
    const hourly = nodes * o.high.hourly;
    if (hourly > best.hourly)
      best = { hourly, parts: [part(o, nodes, o.high)] };
  }
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    for (let j = i + 1; j < list.length; j++) {
      const b = list[j];
      // Both limits reached exactly: a.vcpu x + b.vcpu y = C, a.mem x + b.mem y = M.
      const det =
        a.type.vcpu * b.type.memoryGiB - b.type.vcpu * a.type.memoryGiB;
      if (Math.abs(det) < 1e-12) continue;
      const x = (C * b.type.memoryGiB - M * b.type.vcpu) / det;
      const y = (a.type.vcpu * M - a.type.memoryGiB * C) / det;
      if (x < 0 || y < 0) continue;
      const hourly = x * a.high.hourly + y * b.high.hourly;
      if (hourly > best.hourly) {
        best = { hourly, parts: [part(a, x, a.high), part(b, y, b.high)] };
        best.parts.sort((p, q) => p.instanceType.localeCompare(q.instanceType));
      }
    }
  }
  return best;
}
