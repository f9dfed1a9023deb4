import { ResponseError } from '@backstage/errors';
import type { InputProblems } from './types';

/**
 * The field errors and policy violations of a 400 from the backend, or undefined for any other
 * error. Backstage's `ResponseError` keeps the whole body, so nothing extra has to be carried.
 */
export function inputProblemsOf(error: unknown): InputProblems | undefined {
  if (!ResponseError.is(error) || error.statusCode !== 400) return undefined;
  const body = error.body as Partial<InputProblems>;
  return {
    fieldErrors: Array.isArray(body.fieldErrors) ? body.fieldErrors : [],
    violations: Array.isArray(body.violations) ? body.violations : [],
  };
}
