import { childPath, indexPath, keyPath } from './fieldPath';
import {
  isJsonArray,
  isJsonObject,
  JsonObject,
  ownKeys,
  setOwn,
} from './jsonValue';
import { OBJECT_META_FIELDS } from './objectMetaValidation';
import type { SchemaNode } from './structuralSchema';

/**
 * Copies an object keeping only what the schema declares, as the apiserver's decoder does.
 * The paths of dropped fields are collected so strict field validation can report them the way
 * kubectl shows them: `unknown field "spec.template.spec.kubelet"`.
 *
 * The copy also normalises what JSON cannot carry: `undefined` properties disappear and
 * `undefined` list elements become null, as a JSON round trip would make them.
 */
export function pruneUnknownFields(
  value: unknown,
  node: SchemaNode | undefined,
  path: string,
  unknownPaths: string[],
  isResourceRoot = false,
): unknown {
  if (isJsonArray(value)) {
    // Array.from also visits holes of sparse arrays, which JSON would turn into null.
    return Array.from(value, (item, i) =>
      item === undefined
        ? null
        : pruneUnknownFields(
            item,
            node?.items,
            indexPath(path, i),
            unknownPaths,
          ),
    );
  }
  if (!isJsonObject(value)) return value;
  if (!node || !declaresObject(node)) return copyJson(value);

  const out: JsonObject = {};
  const typeMeta = isResourceRoot || node.embeddedResource;
  for (const key of ownKeys(value)) {
    const child = value[key];
    if (child === undefined) continue;
    const here = childPath(path, key);
    if (typeMeta && key === 'metadata') {
      setOwn(out, key, pruneObjectMeta(child, here, unknownPaths));
      continue;
    }
    const property = node.properties?.get(key);
    if (property) {
      setOwn(out, key, pruneUnknownFields(child, property, here, unknownPaths));
    } else if (node.additionalProperties) {
      setOwn(
        out,
        key,
        pruneUnknownFields(
          child,
          node.additionalProperties,
          keyPath(path, key),
          unknownPaths,
        ),
      );
    } else if (
      node.preserveUnknownFields ||
      node.additionalPropertiesAllowed ||
      (typeMeta && (key === 'apiVersion' || key === 'kind'))
    ) {
      setOwn(out, key, copyJson(child));
    } else {
      unknownPaths.push(here);
    }
  }
  return out;
}

/** Nodes that decode JSON objects field by field; others keep whatever they are given. */
function declaresObject(node: SchemaNode): boolean {
  if (node.type === 'object') return true;
  return (
    node.type === undefined &&
    !node.intOrString &&
    (node.properties !== undefined || node.additionalProperties !== undefined)
  );
}

function pruneObjectMeta(
  meta: unknown,
  path: string,
  unknownPaths: string[],
): unknown {
  if (!isJsonObject(meta)) return copyJson(meta);
  const out: JsonObject = {};
  for (const key of ownKeys(meta)) {
    if (meta[key] === undefined) continue;
    if (OBJECT_META_FIELDS.has(key)) setOwn(out, key, copyJson(meta[key]));
    else unknownPaths.push(childPath(path, key));
  }
  return out;
}

function copyJson(value: unknown): unknown {
  if (isJsonArray(value))
    return Array.from(value, v => (v === undefined ? null : copyJson(v)));
  if (isJsonObject(value)) {
    const out: JsonObject = {};
    for (const key of ownKeys(value)) {
      if (value[key] !== undefined) setOwn(out, key, copyJson(value[key]));
    }
    return out;
  }
  return value;
}
