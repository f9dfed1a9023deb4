import { indexPath } from './fieldPath';
import { describeValue, hasOwn, isJsonObject, JsonObject } from './jsonValue';
import type { SchemaNode } from './structuralSchema';
import type { CrdValidationError } from './validationError';

/**
 * The invariants of `x-kubernetes-list-type`: a `set` holds no value twice, and a `map` list
 * holds no two items with the same values of its `x-kubernetes-list-map-keys`.
 */

type Sink = CrdValidationError[];

/** JSON text of a scalar or object, usable as a Map key for uniqueness checks. */
function identity(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : v,
  );
}

function validateSet(value: unknown[], path: string, sink: Sink) {
  const seen = new Set<string>();
  value.forEach((item, i) => {
    const id = identity(item);
    if (seen.has(id)) {
      sink.push({
        path: indexPath(path, i),
        kind: 'schema',
        reason: 'FieldValueDuplicate',
        message: `Duplicate value: ${describeValue(item)}`,
      });
    }
    seen.add(id);
  });
}

function validateListMap(
  value: unknown[],
  keys: readonly string[],
  path: string,
  sink: Sink,
) {
  const seen = new Set<string>();
  value.forEach((item, i) => {
    if (!isJsonObject(item)) return;
    const keyValues: JsonObject = {};
    for (const k of keys) if (hasOwn(item, k)) keyValues[k] = item[k];
    const id = identity(keyValues);
    if (seen.has(id)) {
      sink.push({
        path: indexPath(path, i),
        kind: 'schema',
        reason: 'FieldValueDuplicate',
        message: `Duplicate value: ${identity(keyValues)}`,
      });
    }
    seen.add(id);
  });
}

/** Reports duplicates a list's `x-kubernetes-list-type` forbids. */
export function validateListType(
  value: unknown[],
  node: SchemaNode,
  path: string,
  sink: Sink,
): void {
  if (node.listType === 'set') validateSet(value, path, sink);
  if (node.listType === 'map' && node.listMapKeys) {
    validateListMap(value, node.listMapKeys, path, sink);
  }
}
