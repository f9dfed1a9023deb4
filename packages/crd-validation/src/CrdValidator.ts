import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { applyDefaults } from './applyDefaults';
import { NO_OLD_VALUE } from './celProgram';
import { validateCelRules } from './celValidation';
import type { CustomResourceDefinition } from './crdTypes';
import {
  describeValue,
  hasOwn,
  isJsonObject,
  JsonObject,
  setOwn,
} from './jsonValue';
import { validateObjectMeta } from './objectMetaValidation';
import { pruneUnknownFields } from './pruneUnknownFields';
import { validateValue } from './schemaValidation';
import { compileSchema, SchemaNode } from './structuralSchema';
import type {
  CrdValidationError,
  CrdValidationResult,
  FieldErrorReason,
} from './validationError';

/** How to treat fields the schema does not declare. */
export type UnknownFieldPolicy = 'error' | 'prune';

/** Options for one validation. */
export interface CrdValidateOptions {
  /**
   * The stored object this one replaces. When given, the validation is an update: transition
   * rules (those using `oldSelf`) run; without it they are skipped, as on create.
   */
  oldObject?: unknown;
  /**
   * `'error'` (default) reports unknown fields as kubectl's strict field validation does
   * (`fieldValidation=Strict`, kubectl's default); `'prune'` drops them silently, as the
   * apiserver does when no field validation is requested.
   */
  unknownFields?: UnknownFieldPolicy;
}

// The apiserver skips CEL when the schema already found these: rules could not run meaningfully.
const BLOCKING_REASONS = new Set<FieldErrorReason>([
  'FieldValueNotSupported',
  'FieldValueRequired',
  'FieldValueTooLong',
  'FieldValueTooMany',
  'FieldValueTypeInvalid',
]);

/** The apiserver's message when blocking schema errors stop CEL evaluation. */
export const CEL_SKIPPED_MESSAGE =
  'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation';

/**
 * Validates objects against one CustomResourceDefinition as kube-apiserver would on create or
 * update. Build one per CRD and reuse it: schemas, regexes and CEL programs compile once here.
 */
export class CrdValidator {
  /** The CRD's API group, e.g. `karpenter.sh`. */
  readonly group: string;
  /** The resource kind, e.g. `NodePool`. */
  readonly kind: string;
  /** Versions the apiserver serves, e.g. `['v1']`. */
  readonly servedVersions: readonly string[];
  private readonly namespaced: boolean;
  private readonly schemas = new Map<string, SchemaNode>();
  private readonly statusSubresource = new Set<string>();

  /** Reads a CRD from a YAML (or JSON) file. */
  static fromFile(path: string): CrdValidator {
    return CrdValidator.fromYaml(readFileSync(path, 'utf8'));
  }

  /** Reads a CRD from YAML text holding one CustomResourceDefinition document. */
  static fromYaml(text: string): CrdValidator {
    return new CrdValidator(parseYaml(text) as CustomResourceDefinition);
  }

  constructor(crd: CustomResourceDefinition) {
    if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec?.versions) {
      throw new Error('not a CustomResourceDefinition');
    }
    this.group = crd.spec.group;
    this.kind = crd.spec.names.kind;
    this.namespaced = crd.spec.scope === 'Namespaced';
    const served: string[] = [];
    for (const version of crd.spec.versions) {
      if (!version.served) continue;
      const schema = version.schema?.openAPIV3Schema;
      if (!schema)
        throw new Error(`version ${version.name} has no openAPIV3Schema`);
      this.schemas.set(version.name, compileSchema(schema));
      if (version.subresources?.status)
        this.statusSubresource.add(version.name);
      served.push(version.name);
    }
    this.servedVersions = served;
  }

  /**
   * Validates an object. Never throws: every problem, including input that is not an object at
   * all, comes back in `errors`. `object` is the pruned and defaulted copy the apiserver would store.
   */
  validate<T>(
    object: T,
    options: CrdValidateOptions = {},
  ): CrdValidationResult<T> {
    try {
      return this.validateUnsafe(object, options);
    } catch (e) {
      // A bug here must not look like a verdict on the object, so say so plainly.
      return {
        valid: false,
        errors: [
          {
            path: '',
            message: `internal validator error: ${
              e instanceof Error ? e.message : String(e)
            }`,
            kind: 'schema',
            reason: 'FieldValueInvalid',
          },
        ],
        object,
      };
    }
  }

  private validateUnsafe<T>(
    object: T,
    options: CrdValidateOptions,
  ): CrdValidationResult<T> {
    const errors: CrdValidationError[] = [];
    if (!isJsonObject(object)) {
      errors.push({
        path: '',
        message: `Invalid value: ${describeValue(
          object,
        )}: the object must be a JSON object`,
        kind: 'schema',
        reason: 'FieldValueTypeInvalid',
      });
      return { valid: false, errors, object };
    }
    const version = this.resolveVersion(object, errors);
    if (version === undefined) return { valid: false, errors, object };
    const schema = this.schemas.get(version)!;

    const unknownPaths: string[] = [];
    const stored = this.normalize(object, schema, unknownPaths);
    // The stored old object was pruned and defaulted when it was written; mirror that.
    const old = isJsonObject(options.oldObject)
      ? this.normalize(options.oldObject, schema, [])
      : undefined;
    if (this.statusSubresource.has(version)) {
      // With a status subresource the main endpoint ignores status: dropped on create, kept
      // from the old object on update (after strict decoding has seen it, as above).
      delete stored.status;
      if (old && hasOwn(old, 'status')) setOwn(stored, 'status', old.status);
    }
    if ((options.unknownFields ?? 'error') === 'error') {
      for (const path of unknownPaths) {
        errors.push({
          path,
          message: `unknown field "${path}"`,
          kind: 'unknown-field',
          reason: 'FieldValueInvalid',
        });
      }
    }

    validateObjectMeta(
      stored.metadata,
      { namespaced: this.namespaced },
      errors,
    );
    validateValue(withoutMetadata(stored), schema, '', errors);

    if (
      errors.some(e => e.kind === 'schema' && BLOCKING_REASONS.has(e.reason))
    ) {
      errors.push({
        path: '',
        message: CEL_SKIPPED_MESSAGE,
        kind: 'cel',
        reason: 'FieldValueInvalid',
      });
    } else {
      validateCelRules(stored, old ?? NO_OLD_VALUE, schema, errors);
    }
    return { valid: errors.length === 0, errors, object: stored as T };
  }

  /** Picks the schema version from `apiVersion`, reporting what the apiserver would refuse. */
  private resolveVersion(
    object: JsonObject,
    errors: CrdValidationError[],
  ): string | undefined {
    const { apiVersion, kind } = object;
    if (typeof kind !== 'string' || kind === '') {
      errors.push({
        path: 'kind',
        message: 'Required value: kind must be set',
        kind: 'schema',
        reason: 'FieldValueRequired',
      });
    } else if (kind !== this.kind) {
      errors.push({
        path: 'kind',
        message: `Invalid value: ${JSON.stringify(kind)}: must be ${this.kind}`,
        kind: 'schema',
        reason: 'FieldValueInvalid',
      });
    }
    if (typeof apiVersion !== 'string' || apiVersion === '') {
      errors.push({
        path: 'apiVersion',
        message: 'Required value: apiVersion must be set',
        kind: 'schema',
        reason: 'FieldValueRequired',
      });
      return undefined;
    }
    const slash = apiVersion.lastIndexOf('/');
    const group = slash < 0 ? '' : apiVersion.slice(0, slash);
    const version = apiVersion.slice(slash + 1);
    if (group !== this.group || !this.schemas.has(version)) {
      errors.push({
        path: 'apiVersion',
        message: `no matches for kind ${JSON.stringify(
          typeof kind === 'string' ? kind : this.kind,
        )} in version ${JSON.stringify(apiVersion)}`,
        kind: 'schema',
        reason: 'FieldValueNotSupported',
      });
      return undefined;
    }
    return version;
  }

  /** What the apiserver stores: unknown fields pruned, defaults applied, namespace cleared if cluster-scoped. */
  private normalize(
    object: JsonObject,
    schema: SchemaNode,
    unknownPaths: string[],
  ): JsonObject {
    const stored = pruneUnknownFields(
      object,
      schema,
      '',
      unknownPaths,
      true,
    ) as JsonObject;
    if (!this.namespaced && isJsonObject(stored.metadata))
      delete stored.metadata.namespace;
    applyDefaults(stored, schema);
    return stored;
  }
}

/** ObjectMeta has its own validation; the CRD's `metadata: {type: object}` adds nothing to it. */
function withoutMetadata(object: JsonObject): JsonObject {
  if (!('metadata' in object)) return object;
  const { metadata: _metadata, ...rest } = object;
  return rest;
}
