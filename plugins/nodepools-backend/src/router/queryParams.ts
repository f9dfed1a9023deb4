import { z } from 'zod';
import {
  POOL_PHASES,
  REQUEST_STATES,
  validateWith,
} from '@nodepools/plugin-nodepools-common';
import { FieldValidationError } from '../workflow/FieldValidationError';

const list = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values))])
    .transform(v => (Array.isArray(v) ? v : [v]))
    .optional();

const text = z.string().min(1).max(300).optional();
const limit = z.coerce
  .number()
  .int()
  .min(1, 'must be between 1 and 200')
  .max(200, 'must be between 1 and 200')
  .default(50);
const cursor = z.string().min(1).max(500).optional();

/** `GET /team-spend` query. */
export const teamSpendQuery = z
  .object({ owner: z.string().min(1).max(300) })
  .strict();

/** `GET /pools` query. */
export const poolListQuery = z
  .object({
    owner: text,
    cluster: text,
    phase: list(POOL_PHASES),
    limit,
    cursor,
  })
  .strict();
/** `GET /pools/{id}/samples` query: how many days back (the retention bounds what exists). */
export const samplesQuery = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(1, 'must be between 1 and 366')
      .max(366, 'must be between 1 and 366')
      .default(30),
  })
  .strict();
/** `GET /requests` query. */
export const requestListQuery = z
  .object({
    state: list(REQUEST_STATES),
    cluster: text,
    owner: text,
    requester: text,
    order: z.enum(['newest', 'oldest']).default('newest'),
    limit,
    cursor,
  })
  .strict();
/** `GET .../history` query. */
export const historyQuery = z.object({ limit, cursor }).strict();
// Control characters other than line breaks and tabs carry no meaning in a comment (and
// PostgreSQL cannot store NUL); whitespace and invisible format characters do not count as words.
const hasControl = (value: string) =>
  [...value].some(c => /\p{Cc}/u.test(c) && !'\t\n\r'.includes(c));
const VISIBLE = /[^\p{Cc}\p{Cf}\p{Z}\s]/gu;
const comment = z
  .string()
  .trim()
  .max(2000)
  .refine(value => !hasControl(value), 'must not contain control characters');

/** Body of approve and reject. */
export const decisionBody = z.object({ comment: comment.optional() }).strict();
/** Body of reject: a reason is required, so the requester learns why. */
export const rejectBody = z
  .object({
    comment: comment.refine(
      value => (value.match(VISIBLE)?.length ?? 0) >= 3,
      'say why the request is rejected, in at least 3 visible characters',
    ),
  })
  .strict();

/** Parses input with a schema, or throws a 400 naming each field (under the given prefix). */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'query' | 'body',
): z.output<S> {
  const result = validateWith(schema, input ?? {}, [where]);
  if (!result.ok)
    throw new FieldValidationError(
      `invalid ${where}: ${result.errors
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')}`,
      result.errors,
    );
  return result.value;
}
