import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { advancedProblems } from './advancedProblems';
import type { AdvancedValue } from './advancedValue';

/** Runs when the user moves on: each advanced setting the request model would refuse. */
export const validateAdvanced: CustomFieldValidator<AdvancedValue> = (
  value,
  validation,
) => {
  for (const problem of advancedProblems(value)) validation.addError(problem);
};
