import type { ErrorRequestHandler } from 'express';
import { FieldValidationError } from '../workflow/FieldValidationError';

/**
 * Answers field errors with every field listed; Backstage's own error handler (which keeps only
 * name and message) handles everything else.
 */
export const fieldErrorMiddleware: ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (error instanceof FieldValidationError) {
    res.status(400).json({
      error: { name: 'InputError', message: error.message },
      fieldErrors: error.fieldErrors,
      violations: error.violations,
      response: { statusCode: 400 },
    });
    return;
  }
  // express.json() rejects malformed JSON; say so as a 400 rather than a 500.
  if ((error as { type?: string })?.type === 'entity.parse.failed') {
    res.status(400).json({
      error: { name: 'InputError', message: 'body: not valid JSON' },
      fieldErrors: [{ path: 'body', message: 'not valid JSON' }],
      response: { statusCode: 400 },
    });
    return;
  }
  next(error);
};
