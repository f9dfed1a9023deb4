import { CelRule, RuleCompileError } from './celProgram';
import type { JSONSchemaProps, ValidationRule } from './crdTypes';
import { childPath, keyPath } from './fieldPath';
import { re2ToRegExp } from './re2RegExp';

/** The OpenAPI types a structural schema may declare. */
export type SchemaType =
  | 'object'
  | 'array'
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean';

/** A compiled `x-kubernetes-validations` entry and where it reports. */
export interface SchemaRule {
  readonly rule: CelRule;
  /** Appends the rule's `fieldPath` (resolved against the schema) to the node's path. */
  readonly reportPath: (nodePath: string) => string;
}

/**
 * A schema node compiled once per CRD version: regexes built, enums indexed, CEL programs
 * parsed, and "is there any rule below here" precomputed so validation can skip whole subtrees.
 */
export interface SchemaNode {
  readonly type?: SchemaType;
  readonly format?: string;
  readonly nullable: boolean;
  readonly intOrString: boolean;
  readonly preserveUnknownFields: boolean;
  readonly embeddedResource: boolean;
  readonly properties?: ReadonlyMap<string, SchemaNode>;
  /** Schema of map values (`additionalProperties` as a schema). */
  readonly additionalProperties?: SchemaNode;
  /** `additionalProperties: true`: any extra keys are kept, unvalidated. */
  readonly additionalPropertiesAllowed: boolean;
  readonly items?: SchemaNode;
  readonly required: readonly string[];
  readonly hasDefault: boolean;
  readonly defaultValue: unknown;
  readonly enumValues?: readonly unknown[];
  readonly enumStrings?: ReadonlySet<string>;
  readonly pattern?: { readonly source: string; readonly regex: RegExp };
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum: boolean;
  readonly exclusiveMaximum: boolean;
  readonly multipleOf?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly listType?: 'atomic' | 'set' | 'map';
  readonly listMapKeys?: readonly string[];
  readonly allOf: readonly SchemaNode[];
  readonly anyOf: readonly SchemaNode[];
  readonly oneOf: readonly SchemaNode[];
  readonly not?: SchemaNode;
  readonly rules: readonly SchemaRule[];
  /** True when this node or any descendant has rules. */
  readonly hasRules: boolean;
  /** True when a descendant (not this node) has rules. */
  readonly hasRulesBelow: boolean;
}

const SCHEMA_TYPES = new Set<string>([
  'object',
  'array',
  'string',
  'integer',
  'number',
  'boolean',
]);

/** Compiles an `openAPIV3Schema` (throws if a pattern or rule could never compile in the apiserver). */
export function compileSchema(props: JSONSchemaProps): SchemaNode {
  const properties = props.properties
    ? new Map(
        Object.entries(props.properties).map(([k, v]) => [k, compileSchema(v)]),
      )
    : undefined;
  const additionalProperties =
    typeof props.additionalProperties === 'object'
      ? compileSchema(props.additionalProperties)
      : undefined;
  const items = props.items ? compileSchema(props.items) : undefined;
  if (props.type !== undefined && !SCHEMA_TYPES.has(props.type)) {
    throw new Error(`unsupported schema type ${JSON.stringify(props.type)}`);
  }
  const children = [
    ...(properties?.values() ?? []),
    ...(additionalProperties ? [additionalProperties] : []),
    ...(items ? [items] : []),
  ];
  const hasRulesBelow = children.some(c => c.hasRules);
  const node: Omit<SchemaNode, 'rules' | 'hasRules'> = {
    type: props.type as SchemaType | undefined,
    format: props.format,
    nullable: props.nullable === true,
    intOrString: props['x-kubernetes-int-or-string'] === true,
    preserveUnknownFields:
      props['x-kubernetes-preserve-unknown-fields'] === true,
    embeddedResource: props['x-kubernetes-embedded-resource'] === true,
    properties,
    additionalProperties,
    additionalPropertiesAllowed: props.additionalProperties === true,
    items,
    required: props.required ?? [],
    hasDefault: props.default !== undefined,
    defaultValue: props.default,
    enumValues: props.enum,
    enumStrings: props.enum?.every(v => typeof v === 'string')
      ? new Set(props.enum as string[])
      : undefined,
    pattern:
      props.pattern !== undefined
        ? { source: props.pattern, regex: re2ToRegExp(props.pattern) }
        : undefined,
    minLength: props.minLength,
    maxLength: props.maxLength,
    minimum: props.minimum,
    maximum: props.maximum,
    exclusiveMinimum: props.exclusiveMinimum === true,
    exclusiveMaximum: props.exclusiveMaximum === true,
    multipleOf: props.multipleOf,
    minItems: props.minItems,
    maxItems: props.maxItems,
    minProperties: props.minProperties,
    maxProperties: props.maxProperties,
    listType: props['x-kubernetes-list-type'],
    listMapKeys: props['x-kubernetes-list-map-keys'],
    allOf: (props.allOf ?? []).map(compileSchema),
    anyOf: (props.anyOf ?? []).map(compileSchema),
    oneOf: (props.oneOf ?? []).map(compileSchema),
    not: props.not ? compileSchema(props.not) : undefined,
    hasRulesBelow,
  };
  const rules = (props['x-kubernetes-validations'] ?? []).map(r =>
    compileRule(r, node),
  );
  return { ...node, rules, hasRules: hasRulesBelow || rules.length > 0 };
}

function compileRule(
  source: ValidationRule,
  node: Omit<SchemaNode, 'rules' | 'hasRules'>,
): SchemaRule {
  const rule = new CelRule(source);
  if (!source.fieldPath) return { rule, reportPath: p => p };
  const steps = resolveFieldPath(source.rule, source.fieldPath, node);
  return {
    rule,
    reportPath: p =>
      steps.reduce(
        (acc, s) => (s.map ? keyPath(acc, s.name) : childPath(acc, s.name)),
        p,
      ),
  };
}

type PathStep = { name: string; map: boolean };

/**
 * Reads a rule's `fieldPath` (`.a.b`, `.a['x.y']`) and checks it names existing fields, as the
 * apiserver does when it admits the CRD; map keys are written `[key]` in the reported path.
 */
function resolveFieldPath(
  rule: string,
  fieldPath: string,
  start: Pick<SchemaNode, 'properties' | 'additionalProperties'>,
): PathStep[] {
  const names: string[] = [];
  const syntax = /\.([A-Za-z0-9_-]+)|\['((?:[^'\\]|\\.)*)'\]/y;
  let i = 0;
  while (i < fieldPath.length) {
    syntax.lastIndex = i;
    const m = syntax.exec(fieldPath);
    if (!m)
      throw new RuleCompileError(
        rule,
        `invalid fieldPath ${JSON.stringify(fieldPath)}`,
      );
    names.push(m[1] ?? m[2].replace(/\\(.)/g, '$1'));
    i = syntax.lastIndex;
  }
  const steps: PathStep[] = [];
  let node:
    | Pick<SchemaNode, 'properties' | 'additionalProperties'>
    | undefined = start;
  for (const name of names) {
    const property: SchemaNode | undefined = node?.properties?.get(name);
    if (property) {
      steps.push({ name, map: false });
      node = property;
    } else if (node?.additionalProperties) {
      steps.push({ name, map: true });
      node = node.additionalProperties;
    } else {
      throw new RuleCompileError(
        rule,
        `fieldPath ${JSON.stringify(fieldPath)} does not exist in the schema`,
      );
    }
  }
  return steps;
}
