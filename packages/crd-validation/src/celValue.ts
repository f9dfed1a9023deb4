import { celBytes, celList, celMap, celTimestamp } from './celRuntime';
import {
  bigIntOf,
  isJsonArray,
  isJsonInteger,
  isJsonObject,
  ownKeys,
} from './jsonValue';
import type { SchemaNode } from './structuralSchema';

/**
 * Converts decoded JSON into the CEL value the apiserver binds to `self`: `integer` fields are
 * CEL ints (bigint) even when JSON wrote them as plain numbers, `number` fields are doubles,
 * `date`/`date-time` strings are timestamps, `byte` strings are bytes, objects are maps.
 * Maps (not plain objects) keep keys like `constructor` or `__proto__` inert.
 */
export function toCelValue(
  value: unknown,
  node: SchemaNode | undefined,
): unknown {
  if (value === null || value === undefined) return null;
  if (node?.intOrString) return isJsonInteger(value) ? bigIntOf(value) : value;
  switch (node?.type) {
    case 'integer':
      return isJsonInteger(value) ? bigIntOf(value) : value;
    case 'number':
      return typeof value === 'bigint' ? Number(value) : value;
    case 'string':
      return typeof value === 'string'
        ? formattedString(value, node.format)
        : value;
    default:
      break;
  }
  if (isJsonArray(value))
    return celList(value.map(item => toCelValue(item, node?.items)));
  if (isJsonObject(value)) {
    const out = celMap();
    for (const key of ownKeys(value)) {
      out.set(key, toCelValue(value[key], childSchema(node, key)));
    }
    return out;
  }
  // Schema-less data (preserve-unknown-fields) decodes whole numbers as int64, like the apiserver.
  if (node?.type === undefined && isJsonInteger(value)) {
    return bigIntOf(value);
  }
  return value;
}

/**
 * Converts schema-less JSON into CEL values for a Kubernetes CEL environment: whole numbers
 * become ints, objects become maps (built in the realm cel-js runs in; see celRuntime).
 */
export function jsonToCelValue(value: unknown): unknown {
  return toCelValue(value, undefined);
}

/** The schema of an object's field or map entry, if the schema describes it. */
export function childSchema(
  node: SchemaNode | undefined,
  key: string,
): SchemaNode | undefined {
  return node?.properties?.get(key) ?? node?.additionalProperties;
}

function formattedString(text: string, format: string | undefined): unknown {
  switch (format) {
    case 'date-time':
    case 'datetime':
    case 'date': {
      const t = Date.parse(text);
      return Number.isNaN(t) ? text : celTimestamp(t);
    }
    case 'byte':
      return celBytes(Buffer.from(text, 'base64'));
    default:
      return text;
  }
}
