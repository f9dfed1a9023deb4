import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { lifetimeProblem } from './lifetimeHelp';

/** Stops the step with the words the field shows; the cluster's rules are the request check's. */
export const validateLifetime: CustomFieldValidator<string> = (
  value,
  validation,
) => {
  const problem = lifetimeProblem(value);
  if (problem) validation.addError(problem);
};
