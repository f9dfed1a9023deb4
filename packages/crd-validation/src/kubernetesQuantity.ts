/**
 * The `Quantity` value of the Kubernetes CEL quantity library (`quantity('1.5Gi')`).
 *
 * Held as an exact bigint count of nano-units, the finest scale `resource.Quantity` keeps, so
 * `quantity('1536Mi') == quantity('1.5Gi')` holds exactly; finer fractions round up (away from
 * zero) as the apiserver does.
 */

const NANOS_PER_UNIT = 1_000_000_000n;
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
// The grammar allows any exponent; bounding it keeps `1e999999999` from building a huge bigint.
const MAX_EXPONENT = 1000;

const QUANTITY_SYNTAX =
  /^([+-]?)(\d+\.?\d*|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE])|[eE]([+-]?\d+))?$/;

const BINARY_POWERS: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};

const DECIMAL_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

/** Raised by `quantity()` for text that is not a Kubernetes quantity. */
export class QuantityFormatError extends Error {
  constructor(text: string) {
    super(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${JSON.stringify(
        text,
      )}`,
    );
    this.name = 'QuantityFormatError';
  }
}

const divideRoundingUp = (n: bigint, d: bigint) => (n + d - 1n) / d;

/** Reads a quantity into nano-units, or undefined when the text is not one. */
function parseNanos(text: string): bigint | undefined {
  const m = QUANTITY_SYNTAX.exec(text);
  if (!m) return undefined;
  const [, sign, number, binary, decimal, exponent] = m;
  const [intPart, fracPart = ''] = number.split('.');
  let magnitude = BigInt(`${intPart || '0'}${fracPart}`);
  let scale = -fracPart.length + 9;
  if (binary) magnitude *= BINARY_POWERS[binary];
  if (decimal) scale += DECIMAL_EXPONENTS[decimal];
  if (exponent !== undefined) {
    const e = Number(exponent);
    if (Math.abs(e) > MAX_EXPONENT) return undefined;
    scale += e;
  }
  const nanos =
    scale >= 0
      ? magnitude * 10n ** BigInt(scale)
      : divideRoundingUp(magnitude, 10n ** BigInt(-scale));
  return sign === '-' ? -nanos : nanos;
}

/** A Kubernetes resource quantity as a CEL value. */
export class KubernetesQuantity {
  private constructor(readonly nanos: bigint) {}

  /** Parses quantity text; throws QuantityFormatError when it is not one. */
  static parse(text: string): KubernetesQuantity {
    const nanos = parseNanos(text);
    if (nanos === undefined) throw new QuantityFormatError(text);
    return new KubernetesQuantity(nanos);
  }

  /** Whether the text parses as a quantity. */
  static isQuantity(text: string): boolean {
    return parseNanos(text) !== undefined;
  }

  /** A quantity of a whole number of units. */
  static fromInteger(value: bigint): KubernetesQuantity {
    return new KubernetesQuantity(value * NANOS_PER_UNIT);
  }

  /** -1, 0 or 1. */
  sign(): bigint {
    if (this.nanos === 0n) return 0n;
    return this.nanos > 0n ? 1n : -1n;
  }

  /** True when the value is whole and fits an int64, as `Quantity.AsInt64` reports. */
  isInteger(): boolean {
    if (this.nanos % NANOS_PER_UNIT !== 0n) return false;
    const units = this.nanos / NANOS_PER_UNIT;
    return units >= INT64_MIN && units <= INT64_MAX;
  }

  /** The value as an int; throws when `isInteger()` is false. */
  asInteger(): bigint {
    if (!this.isInteger()) throw new Error('cannot convert value to integer');
    return this.nanos / NANOS_PER_UNIT;
  }

  /** The value as a double, losing precision as needed. */
  asApproximateFloat(): number {
    const whole = this.nanos / NANOS_PER_UNIT;
    const frac = this.nanos % NANOS_PER_UNIT;
    return Number(whole) + Number(frac) / 1e9;
  }

  add(other: KubernetesQuantity): KubernetesQuantity {
    return new KubernetesQuantity(this.nanos + other.nanos);
  }

  sub(other: KubernetesQuantity): KubernetesQuantity {
    return new KubernetesQuantity(this.nanos - other.nanos);
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than the other. */
  compareTo(other: KubernetesQuantity): bigint {
    if (this.nanos === other.nanos) return 0n;
    return this.nanos < other.nanos ? -1n : 1n;
  }

  /** Semantic equality: `1Gi` equals `1024Mi`. */
  equals(other: unknown): boolean {
    return other instanceof KubernetesQuantity && other.nanos === this.nanos;
  }
}
