import { NO_OLD_VALUE } from './celProgram';
import { celList, celMap } from './celRuntime';
import { childSchema, toCelValue } from './celValue';
import { childPath, indexPath, keyPath } from './fieldPath';
import {
  getOwn,
  isJsonArray,
  isJsonObject,
  jsonEqual,
  ownKeys,
} from './jsonValue';
import type { SchemaNode } from './structuralSchema';
import type { CrdValidationError } from './validationError';

/** An old value correlated with the value being validated, or NO_OLD_VALUE. */
type OldValue = unknown;

/**
 * Evaluates every `x-kubernetes-validations` rule of the schema against a (defaulted) object.
 *
 * One bottom-up walk builds each node's CEL value from its children's, so the object is converted
 * once however many rules look at it; subtrees with no rules are not walked at all.
 * On update, old values are correlated the way the apiserver correlates them (object fields and
 * map entries by key, `x-kubernetes-list-type: map` items by their keys; atomic and set list items
 * not at all), and transition rules run only where an old value exists.
 */
export function validateCelRules(
  value: unknown,
  oldValue: OldValue,
  node: SchemaNode,
  sink: CrdValidationError[],
): void {
  walk(value, oldValue, node, '', sink, false);
}

function walk(
  value: unknown,
  oldValue: OldValue,
  node: SchemaNode,
  path: string,
  sink: CrdValidationError[],
  parentNeedsValue: boolean,
): unknown {
  if (!node.hasRules)
    return parentNeedsValue ? toCelValue(value, node) : undefined;
  // The apiserver does not run rules on null (nullable) values.
  if (value === null || value === undefined) return null;
  const needValue = parentNeedsValue || node.rules.length > 0;
  const self = node.hasRulesBelow
    ? walkChildren(value, oldValue, node, path, sink, needValue)
    : toCelValue(value, node);
  for (const { rule, reportPath } of node.rules) {
    const oldSelf =
      rule.isTransition && oldValue !== NO_OLD_VALUE
        ? toCelValue(oldValue, node)
        : NO_OLD_VALUE;
    const outcome = rule.evaluate(self, oldSelf);
    if (outcome && !outcome.ok) {
      sink.push({
        path: reportPath(path),
        message: outcome.message,
        kind: 'cel',
        reason: rule.reason,
        rule: rule.rule,
        ...(outcome.detail ? { detail: outcome.detail } : {}),
      });
    }
  }
  return self;
}

function walkChildren(
  value: unknown,
  oldValue: OldValue,
  node: SchemaNode,
  path: string,
  sink: CrdValidationError[],
  needValue: boolean,
): unknown {
  if (isJsonArray(value)) {
    const items = node.items;
    if (!items) return needValue ? toCelValue(value, node) : undefined;
    const correlate = listCorrelator(oldValue, node);
    const out = value.map((item, i) =>
      walk(item, correlate(item), items, indexPath(path, i), sink, needValue),
    );
    return needValue ? celList(out) : undefined;
  }
  if (isJsonObject(value)) {
    const out = celMap();
    for (const key of ownKeys(value)) {
      const child = childSchema(node, key);
      const childValue = value[key];
      const old = isJsonObject(oldValue)
        ? getOwn(oldValue, key) ?? NO_OLD_VALUE
        : NO_OLD_VALUE;
      const isProperty = node.properties?.has(key) === true;
      const here = isProperty ? childPath(path, key) : keyPath(path, key);
      if (child) {
        const cel = walk(childValue, old, child, here, sink, needValue);
        if (needValue) out.set(key, cel);
      } else if (needValue) {
        out.set(key, toCelValue(childValue, undefined));
      }
    }
    return needValue ? out : undefined;
  }
  return toCelValue(value, node);
}

/** Finds the old list element a new one corresponds to; only map-type lists correlate. */
function listCorrelator(
  oldValue: OldValue,
  node: SchemaNode,
): (item: unknown) => OldValue {
  const keys = node.listMapKeys;
  if (node.listType !== 'map' || !keys || !isJsonArray(oldValue))
    return () => NO_OLD_VALUE;
  return item => {
    if (!isJsonObject(item)) return NO_OLD_VALUE;
    const match = oldValue.find(
      old =>
        isJsonObject(old) &&
        keys.every(k => jsonEqual(getOwn(old, k), getOwn(item, k))),
    );
    return match === undefined ? NO_OLD_VALUE : match;
  };
}
