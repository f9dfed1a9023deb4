import { indexPath, keyPath } from './fieldPath';
import { describeValue, isJsonObject, JsonObject, ownKeys } from './jsonValue';
import {
  dnsLabelProblems,
  dnsSubdomainProblems,
  labelValueProblems,
  qualifiedNameProblems,
} from './kubernetesNames';
import type { CrdValidationError, FieldErrorReason } from './validationError';

/**
 * `metadata` of a custom resource is not checked by the CRD schema but by the apiserver's
 * ObjectMeta validation (names, labels, annotations, finalizers): these are its rules.
 */

/** The fields of `metav1.ObjectMeta`; anything else under `metadata` is an unknown field. */
export const OBJECT_META_FIELDS: ReadonlySet<string> = new Set([
  'name',
  'generateName',
  'namespace',
  'selfLink',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'labels',
  'annotations',
  'ownerReferences',
  'finalizers',
  'managedFields',
]);

const TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

type Sink = CrdValidationError[];

function report(
  sink: Sink,
  path: string,
  reason: FieldErrorReason,
  message: string,
) {
  sink.push({ path, message, kind: 'schema', reason });
}

function reportProblems(
  sink: Sink,
  path: string,
  value: string,
  problems: string[],
) {
  for (const problem of problems) {
    report(
      sink,
      path,
      'FieldValueInvalid',
      `Invalid value: ${JSON.stringify(value)}: ${problem}`,
    );
  }
}

function reportType(sink: Sink, path: string, value: unknown, type: string) {
  report(
    sink,
    path,
    'FieldValueTypeInvalid',
    `Invalid value: ${describeValue(value)}: must be of type ${type}`,
  );
}

/** Walks a `map[string]string` field, reporting entries that are not strings. */
function forEachStringEntry(
  value: unknown,
  path: string,
  sink: Sink,
  visit: (key: string, entryValue: string) => void,
): void {
  if (value === null || value === undefined) return;
  if (!isJsonObject(value)) {
    reportType(sink, path, value, 'object');
    return;
  }
  for (const key of ownKeys(value)) {
    const v = value[key];
    if (typeof v === 'string') visit(key, v);
    else reportType(sink, keyPath(path, key), v, 'string');
  }
}

/** Options that depend on the CRD. */
export interface ObjectMetaRules {
  namespaced: boolean;
}

/** Validates `metadata` the way the apiserver validates ObjectMeta of a custom resource. */
export function validateObjectMeta(
  meta: unknown,
  rules: ObjectMetaRules,
  sink: Sink,
): void {
  if (meta === undefined || meta === null) {
    report(
      sink,
      'metadata.name',
      'FieldValueRequired',
      'Required value: name or generateName is required',
    );
    return;
  }
  if (!isJsonObject(meta)) {
    reportType(sink, 'metadata', meta, 'object');
    return;
  }
  validateNames(meta, sink);
  if (rules.namespaced && meta.namespace !== undefined) {
    validateNamespace(meta.namespace, sink);
  }
  // The apiserver reports label and annotation problems on the map, not on the entry.
  forEachStringEntry(meta.labels, 'metadata.labels', sink, (key, value) => {
    reportProblems(sink, 'metadata.labels', key, qualifiedNameProblems(key));
    reportProblems(sink, 'metadata.labels', value, labelValueProblems(value));
  });
  let annotationBytes = 0;
  forEachStringEntry(
    meta.annotations,
    'metadata.annotations',
    sink,
    (key, value) => {
      annotationBytes += Buffer.byteLength(key) + Buffer.byteLength(value);
      const problems = qualifiedNameProblems(key.toLowerCase());
      reportProblems(sink, 'metadata.annotations', key, problems);
    },
  );
  if (annotationBytes > TOTAL_ANNOTATION_SIZE_LIMIT) {
    report(
      sink,
      'metadata.annotations',
      'FieldValueTooLong',
      `Too long: may not be more than ${TOTAL_ANNOTATION_SIZE_LIMIT} bytes`,
    );
  }
  validateFinalizers(meta.finalizers, sink);
}

function validateNames(meta: JsonObject, sink: Sink) {
  const { name, generateName } = meta;
  if (name !== undefined && typeof name !== 'string') {
    reportType(sink, 'metadata.name', name, 'string');
    return;
  }
  if (generateName !== undefined && typeof generateName !== 'string') {
    reportType(sink, 'metadata.generateName', generateName, 'string');
    return;
  }
  if (!name && !generateName) {
    report(
      sink,
      'metadata.name',
      'FieldValueRequired',
      'Required value: name or generateName is required',
    );
    return;
  }
  if (generateName) {
    // A prefix may end in '-': the random suffix follows it.
    const masked = generateName.endsWith('-')
      ? `${generateName.slice(0, -1)}a`
      : generateName;
    const problems = dnsSubdomainProblems(masked);
    reportProblems(sink, 'metadata.generateName', generateName, problems);
  }
  if (name) {
    reportProblems(sink, 'metadata.name', name, dnsSubdomainProblems(name));
  }
}

function validateNamespace(namespace: unknown, sink: Sink) {
  if (typeof namespace !== 'string') {
    reportType(sink, 'metadata.namespace', namespace, 'string');
  } else if (namespace !== '') {
    const problems = dnsLabelProblems(namespace);
    reportProblems(sink, 'metadata.namespace', namespace, problems);
  }
}

function validateFinalizers(finalizers: unknown, sink: Sink) {
  const path = 'metadata.finalizers';
  if (finalizers === undefined || finalizers === null) return;
  if (!Array.isArray(finalizers)) {
    reportType(sink, path, finalizers, 'array');
    return;
  }
  finalizers.forEach((f: unknown, i) => {
    if (typeof f !== 'string')
      reportType(sink, indexPath(path, i), f, 'string');
    else reportProblems(sink, indexPath(path, i), f, qualifiedNameProblems(f));
  });
}
