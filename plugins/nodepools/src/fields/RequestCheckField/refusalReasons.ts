import { ResponseError } from '@backstage/errors';
import type { RequestPreviewResult } from '../../api/types';
import { inputProblemsOf } from '../../api/inputProblems';

/** The backend's answer to a dry run: a preview, or the error it refused it with. */
export type DryRunOutcome =
  | { preview: RequestPreviewResult; error?: undefined }
  | { preview?: undefined; error: unknown };

/**
 * Why the backend would refuse to file the request, one line per problem: the policy violations
 * (sentences that name what is wrong, so shown as they are), the field errors of a 400 (prefixed
 * with their field: the schema's messages do not name it), the reason of a 403.
 * Empty when it would file it, and for errors that say nothing about the request (the backend
 * unreachable, say): those must not stop a form the backend may well accept.
 */
export function refusalReasons(outcome: DryRunOutcome): string[] {
  if (outcome.preview) {
    return outcome.preview.preview.policy.violations.map(v => v.message);
  }
  const problems = inputProblemsOf(outcome.error);
  if (problems) {
    const lines = [
      ...problems.fieldErrors.map(p => `${p.path}: ${p.message}`),
      ...problems.violations.map(v => v.message),
    ];
    return lines.length > 0 ? lines : [backendMessage(outcome.error)];
  }
  if (ResponseError.is(outcome.error) && outcome.error.statusCode === 403) {
    return [backendMessage(outcome.error)];
  }
  return [];
}

// `ResponseError.message` is only "Request failed with 403 Forbidden"; the cause is the backend's.
function backendMessage(error: unknown): string {
  return ResponseError.is(error)
    ? error.cause.message
    : String((error as Error)?.message ?? error);
}
