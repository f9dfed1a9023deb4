import {
  deepCopy,
  getOwn,
  hasOwn,
  isJsonArray,
  isJsonObject,
  JsonObject,
  ownKeys,
  setOwn,
} from './jsonValue';
import type { SchemaNode } from './structuralSchema';

/**
 * Applies schema `default`s in place, the way the apiserver does before validating:
 * a missing field (or a null one that is not `nullable`) takes its default, and defaulting then
 * continues inside the value just set, so nested defaults of a defaulted object apply too.
 * A non-nullable null with no default is dropped, as the apiserver prunes it.
 */
export function applyDefaults(
  value: unknown,
  node: SchemaNode | undefined,
): void {
  if (!node) return;
  if (isJsonArray(value)) {
    const items = node.items;
    if (!items) return;
    for (let i = 0; i < value.length; i++) {
      if (value[i] === null && !items.nullable && items.hasDefault) {
        value[i] = deepCopy(items.defaultValue);
      }
      applyDefaults(value[i], items);
    }
    return;
  }
  if (!isJsonObject(value)) return;
  if (node.properties) {
    for (const [key, property] of node.properties) {
      const missing = !hasOwn(value, key);
      if (missing || (value[key] === null && !property.nullable)) {
        fillOrDrop(value, key, property, missing);
      }
    }
  }
  for (const key of ownKeys(value)) {
    const property = node.properties?.get(key);
    if (property) {
      applyDefaults(value[key], property);
      continue;
    }
    const entry = node.additionalProperties;
    if (!entry) continue;
    if (value[key] === null && !entry.nullable)
      fillOrDrop(value, key, entry, false);
    applyDefaults(getOwn(value, key), entry);
  }
}

function fillOrDrop(
  obj: JsonObject,
  key: string,
  schema: SchemaNode,
  missing: boolean,
) {
  if (schema.hasDefault) setOwn(obj, key, deepCopy(schema.defaultValue));
  else if (!missing) delete obj[key];
}
