import type { z } from 'zod';

/** A problem with one field of user input: where, and what to do about it. */
export interface FieldError {
  /** Dotted path of the field, e.g. `spec.limits.cpu` or `spec.namespaces[1]`. */
  path: string;
  message: string;
}

/** The outcome of validating input: a typed value, or every field error at once. */
export type Validated<T> =
  | { ok: true; value: T }
  | { ok: false; errors: FieldError[] };

/** Formats a zod path as `a.b[2].c`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Runs a zod schema and returns field errors instead of throwing. */
export function validateWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: ReadonlyArray<PropertyKey> = [],
): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    // An unknown key is named as its own field, at whatever level it sits, so the 400 points at it.
    errors: result.error.issues.flatMap(issue =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map(key => ({
            path: formatPath([...prefix, ...issue.path, key]),
            message: 'is not a known field',
          }))
        : [
            {
              path: formatPath([...prefix, ...issue.path]) || '(root)',
              message: issue.message,
            },
          ],
    ),
  };
}
