import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { RequestKindUiOptions } from '../requestKind';
import { loadNodeClassChoices } from './loadNodeClassChoices';

/**
 * Runs when the user moves on: a node class the cluster does not allow, or that the backend saw
 * missing or not Ready, is an error of the field (a template default can be either).
 */
export const validateNodeClass: CustomFieldValidator<
  string,
  RequestKindUiOptions
> = async (value, validation, { apiHolder, formData }) => {
  const api = apiHolder.get(nodePoolsApiRef);
  if (!api || !value) return;
  // A backend that cannot be asked now must not stop a form it may well accept.
  const { cluster, choices } = await loadNodeClassChoices(api, formData).catch(
    () => ({ cluster: undefined, choices: [] }),
  );
  if (!cluster) return;
  const chosen = choices.find(c => c.name === value);
  if (!chosen)
    validation.addError(
      `nodeClass: ${value} is not offered on cluster ${cluster} (offered: ${
        choices.map(c => c.name).join(', ') || 'none'
      })`,
    );
  else if (chosen.unusable)
    validation.addError(`nodeClass: ${chosen.unusable}`);
};
