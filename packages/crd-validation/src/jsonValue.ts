/** Helpers for JSON-shaped values as decoded from YAML or built by callers. */

// Held in module scope because global lookups are slow inside Jest's vm sandbox, where this
// package mostly runs; these helpers sit on every validation's hottest path.
const { isArray } = Array;
const { keys: objectKeys, defineProperty } = Object;
const { isInteger } = Number;
const hasOwnProperty = Object.prototype.hasOwnProperty;
const toBigInt = BigInt;

/** True for a JSON array. */
export const isJsonArray: (value: unknown) => value is unknown[] = isArray;

/** An integer as a bigint (for values already known to be JSON integers). */
export const bigIntOf = (value: number | bigint): bigint => toBigInt(value);

/** A plain JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** True for a plain object value: what a JSON object decodes to. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !isArray(value);
}

/** An integer as the apiserver would decode it (JSON number with no fraction, or a bigint). */
export function isJsonInteger(value: unknown): value is number | bigint {
  return (
    typeof value === 'bigint' || (typeof value === 'number' && isInteger(value))
  );
}

/** Own enumerable keys; `__proto__` may be one of them when the object came from JSON.parse. */
export const ownKeys = (o: JsonObject): string[] => objectKeys(o);

/** Sets a property without ever touching the prototype, even for a key named `__proto__`. */
export function setOwn(o: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    defineProperty(o, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    o[key] = value;
  }
}

/** Reads an own property only, so keys like `constructor` never resolve to Object.prototype. */
export function getOwn(o: JsonObject, key: string): unknown {
  return hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Whether the object has the key as an own property. */
export function hasOwn(o: JsonObject, key: string): boolean {
  return hasOwnProperty.call(o, key);
}

/** Deep copy of a JSON value (defaults must not be shared between objects). */
export function deepCopy<T>(value: T): T {
  if (isArray(value)) return value.map(deepCopy) as T;
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const k of ownKeys(value)) setOwn(out, k, deepCopy(value[k]));
    return out as T;
  }
  return value;
}

/** Structural equality of JSON values; integers compare equal whether number or bigint. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isJsonInteger(a) && isJsonInteger(b)) return toBigInt(a) === toBigInt(b);
  if (isArray(a)) {
    if (!isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => jsonEqual(x, b[i]));
  }
  if (isJsonObject(a)) {
    if (!isJsonObject(b)) return false;
    const ka = ownKeys(a);
    if (ka.length !== ownKeys(b).length) return false;
    return ka.every(k => hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A short rendering of a value for error messages, like the apiserver's `Invalid value: ...`. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (value === null) return 'null';
  if (isArray(value)) return '"array"';
  if (isJsonObject(value)) return '"object"';
  return JSON.stringify(typeof value);
}

/** The OpenAPI type name of a value, for type mismatch messages. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'array';
  if (isJsonInteger(value)) return 'integer';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string' || typeof value === 'boolean')
    return typeof value;
  if (isJsonObject(value)) return 'object';
  return typeof value;
}
