import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { requestKindOf, type RequestKindUiOptions } from '../requestKind';
import type { RequestVerdict } from './RequestCheck';
import { refusalReasons } from './refusalReasons';
import { requestFromForm } from './requestFromForm';

/**
 * Runs when the user moves on from the field's page: dry-runs the request the whole form describes
 * and adds every reason the backend would refuse it as an error of the field, so a refused request
 * cannot be submitted. Nothing to add while the form is incomplete (the form's own required
 * fields say so) or when the backend cannot be asked.
 */
export const validateRequestCheck: CustomFieldValidator<
  RequestVerdict,
  RequestKindUiOptions
> = async (_value, validation, { apiHolder, formData, uiSchema }) => {
  const api = apiHolder.get(nodePoolsApiRef);
  const { request } = requestFromForm(formData, requestKindOf(uiSchema));
  if (!api || !request) return;
  const reasons = await api.previewRequest(request).then(
    preview => refusalReasons({ preview }),
    error => refusalReasons({ error }),
  );
  for (const reason of reasons) validation.addError(reason);
};
