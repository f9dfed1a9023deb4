import { childPath, indexPath, keyPath } from './fieldPath';
import {
  bigIntOf,
  describeValue,
  hasOwn,
  isJsonArray,
  isJsonInteger,
  isJsonObject,
  jsonEqual,
  JsonObject,
  jsonTypeOf,
  ownKeys,
} from './jsonValue';
import { validateListType } from './listTypeValidation';
import { matchesFormat } from './stringFormats';
import type { SchemaNode, SchemaType } from './structuralSchema';
import type { CrdValidationError, FieldErrorReason } from './validationError';

/**
 * OpenAPI v3 value validation of a (pruned, defaulted) object, keyword by keyword as the
 * apiserver's kube-openapi validator applies them: each keyword only to values of its type,
 * type mismatches stop descent, and list-type set/map uniqueness is checked as well.
 */

type Sink = CrdValidationError[];

function report(
  sink: Sink,
  path: string,
  reason: FieldErrorReason,
  message: string,
) {
  sink.push({ path, message, kind: 'schema', reason });
}

const { isFinite } = Number;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function hasType(value: unknown, type: SchemaType): boolean {
  switch (type) {
    case 'object':
      return isJsonObject(value);
    case 'array':
      return isJsonArray(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (
        isJsonInteger(value) &&
        bigIntOf(value) >= INT64_MIN &&
        bigIntOf(value) <= INT64_MAX
      );
    case 'number':
      return (
        typeof value === 'bigint' ||
        (typeof value === 'number' && isFinite(value))
      );
    default:
      return false;
  }
}

/** Counts code points, as Go counts runes for minLength/maxLength. */
function runeLength(text: string, bound: number): number {
  // Code points never outnumber UTF-16 units, so short strings need no counting.
  if (text.length <= bound) return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

function validateEnum(
  value: unknown,
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  const allowed = node.enumValues;
  if (!allowed) return;
  const ok =
    typeof value === 'string' && node.enumStrings
      ? node.enumStrings.has(value)
      : allowed.some(v => jsonEqual(v, value));
  if (!ok) {
    const supported = allowed.map(v => JSON.stringify(v)).join(', ');
    report(
      sink,
      path,
      'FieldValueNotSupported',
      `Unsupported value: ${describeValue(
        value,
      )}: supported values: ${supported}`,
    );
  }
}

function validateString(
  value: string,
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  if (
    node.maxLength !== undefined &&
    runeLength(value, node.maxLength) > node.maxLength
  ) {
    report(
      sink,
      path,
      'FieldValueTooLong',
      `Too long: may not be more than ${node.maxLength} bytes`,
    );
  }
  if (
    node.minLength !== undefined &&
    runeLength(value, node.minLength) < node.minLength
  ) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body should be at least ${node.minLength} chars long`,
    );
  }
  if (node.pattern && !node.pattern.regex.test(value)) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${describeValue(value)}: ${path} in body should match '${
        node.pattern.source
      }'`,
    );
  }
  if (node.format && !matchesFormat(node.format, value)) {
    report(
      sink,
      path,
      'FieldValueTypeInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body must be of type ${node.format}: ${describeValue(
        value,
      )}`,
    );
  }
}

function validateNumber(
  value: number | bigint,
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  const n = Number(value);
  const shown = describeValue(value);
  if (node.minimum !== undefined) {
    if (node.exclusiveMinimum ? n <= node.minimum : n < node.minimum) {
      const rel = node.exclusiveMinimum
        ? 'greater than'
        : 'greater than or equal to';
      report(
        sink,
        path,
        'FieldValueInvalid',
        `Invalid value: ${shown}: ${path} in body should be ${rel} ${node.minimum}`,
      );
    }
  }
  if (node.maximum !== undefined) {
    if (node.exclusiveMaximum ? n >= node.maximum : n > node.maximum) {
      const rel = node.exclusiveMaximum ? 'less than' : 'less than or equal to';
      report(
        sink,
        path,
        'FieldValueInvalid',
        `Invalid value: ${shown}: ${path} in body should be ${rel} ${node.maximum}`,
      );
    }
  }
  if (node.multipleOf !== undefined && node.multipleOf > 0) {
    const q = n / node.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) {
      report(
        sink,
        path,
        'FieldValueInvalid',
        `Invalid value: ${shown}: ${path} in body should be a multiple of ${node.multipleOf}`,
      );
    }
  }
}

function validateArray(
  value: unknown[],
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    report(
      sink,
      path,
      'FieldValueTooMany',
      `Too many: ${value.length}: must have at most ${node.maxItems} items`,
    );
  }
  if (node.minItems !== undefined && value.length < node.minItems) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${value.length}: ${path} in body should have at least ${node.minItems} items`,
    );
  }
  validateListType(value, node, path, sink);
  if (node.items) {
    for (let i = 0; i < value.length; i++) {
      validateValue(value[i], node.items, indexPath(path, i), sink);
    }
  }
}

function validateObject(
  value: JsonObject,
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  const keys = ownKeys(value);
  if (node.maxProperties !== undefined && keys.length > node.maxProperties) {
    report(
      sink,
      path,
      'FieldValueTooMany',
      `Too many: ${keys.length}: must have at most ${node.maxProperties} items`,
    );
  }
  if (node.minProperties !== undefined && keys.length < node.minProperties) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${keys.length}: ${path} in body should have at least ${node.minProperties} properties`,
    );
  }
  for (const key of node.required) {
    if (!hasOwn(value, key))
      report(
        sink,
        childPath(path, key),
        'FieldValueRequired',
        'Required value',
      );
  }
  for (const key of keys) {
    const property = node.properties?.get(key);
    if (property) {
      validateValue(value[key], property, childPath(path, key), sink);
    } else if (node.additionalProperties) {
      validateValue(
        value[key],
        node.additionalProperties,
        keyPath(path, key),
        sink,
      );
    }
  }
}

function validateCombinators(
  value: unknown,
  node: SchemaNode,
  path: string,
  sink: Sink,
) {
  const passes = (branch: SchemaNode) => {
    const scratch: Sink = [];
    validateValue(value, branch, path, scratch);
    return scratch.length === 0;
  };
  for (const branch of node.allOf) validateValue(value, branch, path, sink);
  if (node.anyOf.length > 0 && !node.anyOf.some(passes)) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body must validate at least one schema (anyOf)`,
    );
  }
  if (node.oneOf.length > 0 && node.oneOf.filter(passes).length !== 1) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body must validate one and only one schema (oneOf)`,
    );
  }
  if (node.not && passes(node.not)) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body must not validate the schema (not)`,
    );
  }
}

/** Validates a value against its schema node, appending every finding to the sink. */
export function validateValue(
  value: unknown,
  node: SchemaNode,
  path: string,
  sink: Sink,
): void {
  if (value === null) {
    if (!node.nullable && (node.type || node.intOrString)) {
      const expected = node.intOrString ? 'integer or string' : node.type;
      report(
        sink,
        path,
        'FieldValueTypeInvalid',
        `Invalid value: "null": ${path} in body must be of type ${expected}: "null"`,
      );
    }
    return;
  }
  if (node.intOrString) {
    if (!hasType(value, 'integer') && typeof value !== 'string') {
      report(
        sink,
        path,
        'FieldValueTypeInvalid',
        `Invalid value: ${describeValue(
          value,
        )}: ${path} in body must be of type integer or string: "${jsonTypeOf(
          value,
        )}"`,
      );
      return;
    }
  } else if (node.type && !hasType(value, node.type)) {
    report(
      sink,
      path,
      'FieldValueTypeInvalid',
      `Invalid value: ${describeValue(
        value,
      )}: ${path} in body must be of type ${node.type}: "${jsonTypeOf(value)}"`,
    );
    return;
  }
  validateEnum(value, node, path, sink);
  if (typeof value === 'string') validateString(value, node, path, sink);
  else if (typeof value === 'number' || typeof value === 'bigint')
    validateNumber(value, node, path, sink);
  else if (isJsonArray(value)) validateArray(value, node, path, sink);
  else if (isJsonObject(value)) validateObject(value, node, path, sink);
  validateCombinators(value, node, path, sink);
}
