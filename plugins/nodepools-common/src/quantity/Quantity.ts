/**
 * Kubernetes resource quantities (`resource.Quantity`), held exactly.
 *
 * Values are kept as a bigint count of nano-units, the finest scale Kubernetes keeps: comparing
 * `1536Mi` with `1.5Gi` or summing a team's limits never loses precision to floating point.
 * Finer fractions round up, as the apiserver does.
 */
export interface Quantity {
  /** The value in units of 10^-9 (a cpu of `1` is 1e9 nanos; a memory of `1Ki` is 1024e9 nanos). */
  readonly nanos: bigint;
}

/** The result of parsing a quantity string: a value or the reason it is not one. */
export type QuantityParseResult =
  | { ok: true; quantity: Quantity }
  | { ok: false; message: string };

const NANOS_PER_UNIT = 10n ** 9n;
// Exponents beyond this are legal in the grammar but no real resource needs them; bounding them
// keeps a hostile `1e999999999` from turning into an enormous bigint.
const MAX_DECIMAL_EXPONENT = 30;

const BINARY_SUFFIXES: Record<string, bigint> = {
  Ki: 2n ** 10n,
  Mi: 2n ** 20n,
  Gi: 2n ** 30n,
  Ti: 2n ** 40n,
  Pi: 2n ** 50n,
  Ei: 2n ** 60n,
};

const DECIMAL_SUFFIX_EXPONENTS: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const isDigit = (c: string | undefined) =>
  c !== undefined && c >= '0' && c <= '9';

/** Splits `<sign><digits>.<digits>` off the front of the text, following the Kubernetes grammar. */
function scanNumber(text: string) {
  let i = 0;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') {
    negative = text[i] === '-';
    i++;
  }
  const intStart = i;
  while (isDigit(text[i])) i++;
  const intDigits = text.slice(intStart, i);
  let fracDigits = '';
  if (text[i] === '.') {
    i++;
    const fracStart = i;
    while (isDigit(text[i])) i++;
    fracDigits = text.slice(fracStart, i);
  }
  return { negative, intDigits, fracDigits, rest: text.slice(i) };
}

function scaleFor(
  suffix: string,
): { multiplier: bigint; exponent: number } | string {
  // Own keys only: `in` would also find "valueOf", "constructor"... on the prototype.
  if (Object.hasOwn(BINARY_SUFFIXES, suffix))
    return { multiplier: BINARY_SUFFIXES[suffix], exponent: 0 };
  if (Object.hasOwn(DECIMAL_SUFFIX_EXPONENTS, suffix)) {
    return { multiplier: 1n, exponent: DECIMAL_SUFFIX_EXPONENTS[suffix] };
  }
  if (suffix[0] === 'e' || suffix[0] === 'E') {
    const exp = suffix.slice(1);
    if (!/^[+-]?\d+$/.test(exp)) return `unsupported exponent "${suffix}"`;
    const exponent = Number(exp);
    if (Math.abs(exponent) > MAX_DECIMAL_EXPONENT) {
      return `exponent ${exponent} is out of range (±${MAX_DECIMAL_EXPONENT})`;
    }
    return { multiplier: 1n, exponent };
  }
  return `unknown suffix "${suffix}" (use one of n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei or an exponent)`;
}

/** Parses a Kubernetes quantity such as `500m`, `2`, `1.5Gi` or `1e3`. Never throws. */
export function parseQuantity(text: unknown): QuantityParseResult {
  if (typeof text === 'number' && Number.isFinite(text))
    return parseQuantity(String(text));
  if (typeof text !== 'string')
    return {
      ok: false,
      message: 'must be a quantity string such as "4" or "16Gi"',
    };
  const trimmed = text.trim();
  if (trimmed === '' || trimmed !== text) {
    return {
      ok: false,
      message: 'must be a quantity such as "4" or "16Gi" without spaces',
    };
  }
  const { negative, intDigits, fracDigits, rest } = scanNumber(text);
  if (intDigits === '' && fracDigits === '') {
    return { ok: false, message: `"${text}" does not start with a number` };
  }
  const scale = scaleFor(rest);
  if (typeof scale === 'string') return { ok: false, message: scale };

  // value = digits / 10^frac * multiplier * 10^exponent, expressed in nanos.
  const mantissa = BigInt(`${intDigits}${fracDigits}` || '0');
  let numerator = mantissa * scale.multiplier * NANOS_PER_UNIT;
  let denominator = 10n ** BigInt(fracDigits.length);
  if (scale.exponent >= 0) numerator *= 10n ** BigInt(scale.exponent);
  else denominator *= 10n ** BigInt(-scale.exponent);
  let nanos = numerator / denominator;
  if (numerator % denominator !== 0n) nanos += 1n;
  return { ok: true, quantity: { nanos: negative ? -nanos : nanos } };
}

/** Parses a quantity the caller has already validated; throws on bad input. */
export function quantity(text: string): Quantity {
  const parsed = parseQuantity(text);
  if (!parsed.ok)
    throw new Error(`Invalid quantity "${text}": ${parsed.message}`);
  return parsed.quantity;
}

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  if (a.nanos === b.nanos) return 0;
  return a.nanos < b.nanos ? -1 : 1;
}

/** The sum of the quantities (zero for none). */
export function sumQuantities(values: Iterable<Quantity>): Quantity {
  let nanos = 0n;
  for (const value of values) nanos += value.nanos;
  return { nanos };
}

/** a - b. */
export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return { nanos: a.nanos - b.nanos };
}

/** The zero quantity. */
export const ZERO_QUANTITY: Quantity = { nanos: 0n };

/** The quantity as a float in whole units (cores, bytes): for display and cost only, never for comparisons. */
export function quantityToNumber(value: Quantity): number {
  const whole = value.nanos / NANOS_PER_UNIT;
  const fraction = value.nanos % NANOS_PER_UNIT;
  return Number(whole) + Number(fraction) / 1e9;
}

/**
 * The canonical string for a quantity: a whole number with the largest exact binary suffix for
 * byte-like values (`16Gi`), else a whole number, else millis (`1500m`), else nanos.
 */
export function formatQuantity(
  value: Quantity,
  style: 'binary' | 'decimal' = 'decimal',
): string {
  const { nanos } = value;
  if (nanos % NANOS_PER_UNIT === 0n) {
    const units = nanos / NANOS_PER_UNIT;
    if (style === 'binary' && units !== 0n) {
      for (const suffix of ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki']) {
        const m = BINARY_SUFFIXES[suffix];
        if (units % m === 0n) return `${units / m}${suffix}`;
      }
    }
    return `${units}`;
  }
  if (nanos % 1_000_000n === 0n) return `${nanos / 1_000_000n}m`;
  return `${nanos}n`;
}
