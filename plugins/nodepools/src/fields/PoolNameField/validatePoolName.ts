import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { poolNameProblem } from '@nodepools/plugin-nodepools-common';
import { teamOfForm } from './teamOfForm';

/**
 * Runs when the user moves on: the same words the field shows while typing, instead of the
 * schema's "must match pattern" with a regular expression. An empty name is left to `required`.
 */
export const validatePoolName: CustomFieldValidator<string> = (
  value,
  validation,
  { formData },
) => {
  if (!value) return;
  const problem = poolNameProblem(
    value,
    teamOfForm(formData as Record<string, unknown>),
  );
  if (problem) validation.addError(problem);
};
