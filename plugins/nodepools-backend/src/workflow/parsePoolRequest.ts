import {
  poolRequestSchema,
  validateWith,
  type PoolRequest,
} from '@nodepools/plugin-nodepools-common';
import { FieldValidationError } from './FieldValidationError';

/**
 * A request body as the core's schema reads it (the owner normalised to `group:<ns>/<name>`), or
 * a 400 listing every field at fault. The route parses once; everything after it is typed.
 */
export function parsePoolRequest(body: unknown): PoolRequest {
  const parsed = validateWith(poolRequestSchema, body);
  if (!parsed.ok)
    throw new FieldValidationError(
      `request is invalid: ${parsed.errors
        .map(e => `${e.path}: ${e.message}`)
        .join('; ')}`,
      parsed.errors,
    );
  return parsed.value;
}
