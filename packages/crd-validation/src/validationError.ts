/**
 * The Kubernetes `field.ErrorType` a finding maps to. CEL rules choose theirs with `reason`;
 * the apiserver also uses the type to decide whether CEL rules run at all (see CrdValidator).
 */
export type FieldErrorReason =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden';

/** One reason an object would be refused by the apiserver. */
export interface CrdValidationError {
  /** Where, in apiserver notation: `spec.template.spec.requirements[0].key`, `spec.limits[cpu]`. */
  path: string;
  /** What is wrong; for a CEL rule, exactly the rule's `message` (or its `messageExpression` result). */
  message: string;
  /** Which stage found it: the OpenAPI schema, an `x-kubernetes-validations` rule, or strict decoding. */
  kind: 'schema' | 'cel' | 'unknown-field';
  /** The Kubernetes error type (for CEL rules, the rule's `reason`). */
  reason: FieldErrorReason;
  /** The CEL rule that failed, for `kind: 'cel'`. */
  rule?: string;
  /** For a rule that could not be evaluated, the evaluation error (the apiserver still rejects the object). */
  detail?: string;
}

/** The outcome of validating one object. */
export interface CrdValidationResult<T = unknown> {
  /** True when the apiserver would accept the object. */
  valid: boolean;
  /** Every problem found, schema findings first, then CEL findings (the apiserver's order). */
  errors: CrdValidationError[];
  /** The object as the apiserver would store it: unknown fields pruned, defaults applied. */
  object: T;
}

/** Renders an error roughly the way kubectl prints a field error. */
export function formatValidationError(error: CrdValidationError): string {
  const where = error.path === '' ? '<root>' : error.path;
  const detail = error.detail ? ` (${error.detail})` : '';
  return `${where}: ${error.message}${detail}`;
}
