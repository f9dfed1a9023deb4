import {
  CelDuration,
  Duration,
  isCelBytes,
  isCelMap,
  isCelTimestamp,
  UnsignedInt,
} from './celRuntime';

/**
 * CEL equality and ordering over the runtime values of cel-js (bigint for int,
 * number for double, UnsignedInt, string, boolean, null, Uint8Array, Date, Duration, arrays and
 * Maps), needed by the Kubernetes list library (`isSorted`, `min`, `max`, `indexOf`).
 */

/** Raised when two values have no ordering in CEL (e.g. a string and an int). */
export class NoSuchOverloadError extends Error {
  constructor(what: string) {
    super(`no such overload: ${what}`);
    this.name = 'NoSuchOverloadError';
  }
}

const numericValue = (v: unknown): bigint | number | undefined => {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (v instanceof UnsignedInt) return v.value;
  return undefined;
};

function compareNumbers(a: bigint | number, b: bigint | number): number {
  // CEL compares int, uint and double by numeric value, not by type.
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (a === b) return 0;
    return a < b ? -1 : 1;
  }
  const x = Number(a);
  const y = Number(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === y) return 0;
  return x < y ? -1 : 1;
}

function compareStrings(a: string, b: string): number {
  // Code point order, as Go compares UTF-8 strings bytewise.
  if (a === b) return 0;
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done) return cb.done ? 0 : -1;
    if (cb.done) return 1;
    const d = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

const durationNanos = (d: CelDuration) =>
  d.seconds * 1_000_000_000n + BigInt(d.nanos);

/** Orders two CEL values: negative, zero or positive. Throws for types CEL cannot order. */
export function celCompare(a: unknown, b: unknown): number {
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb);
  if (typeof a === 'string' && typeof b === 'string')
    return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean')
    return Number(a) - Number(b);
  if (isCelBytes(a) && isCelBytes(b)) return compareBytes(a, b);
  if (isCelTimestamp(a) && isCelTimestamp(b))
    return Math.sign(a.getTime() - b.getTime());
  if (a instanceof Duration && b instanceof Duration)
    return compareNumbers(durationNanos(a), durationNanos(b));
  throw new NoSuchOverloadError(
    `cannot compare ${celTypeName(a)} with ${celTypeName(b)}`,
  );
}

/** CEL equality: numbers by value across int/uint/double, lists and maps element-wise. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) return compareNumbers(na, nb) === 0;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => celEquals(x, b[i]))
    );
  }
  if (isCelMap(a)) {
    if (!isCelMap(b) || a.size !== b.size) return false;
    for (const [k, v] of a) {
      if (!b.has(k) || !celEquals(v, b.get(k))) return false;
    }
    return true;
  }
  if (isCelBytes(a) && isCelBytes(b)) return compareBytes(a, b) === 0;
  if (isCelTimestamp(a) && isCelTimestamp(b))
    return a.getTime() === b.getTime();
  if (a instanceof Duration && b instanceof Duration)
    return durationNanos(a) === durationNanos(b);
  if (isEquatable(a)) return a.equals(b);
  return false;
}

/** Values of extension types (like Quantity) that define their own equality. */
interface Equatable {
  equals(other: unknown): boolean;
}

function isEquatable(v: unknown): v is Equatable {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Partial<Equatable>).equals === 'function'
  );
}

/** The CEL type name of a runtime value, for error messages. */
export function celTypeName(v: unknown): string {
  if (v === null) return 'null_type';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof UnsignedInt) return 'uint';
  if (Array.isArray(v)) return 'list';
  if (isCelMap(v)) return 'map';
  if (isCelBytes(v)) return 'bytes';
  if (isCelTimestamp(v)) return 'google.protobuf.Timestamp';
  if (v instanceof Duration) return 'google.protobuf.Duration';
  if (typeof v === 'object') {
    return (
      (v as { constructor?: { name?: string } }).constructor?.name ?? 'object'
    );
  }
  return typeof v;
}
