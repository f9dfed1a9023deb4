import { useCallback } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Flex, Text } from '@backstage/ui';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { requestKindOf, type RequestKindUiOptions } from '../requestKind';
import { RequestCheck, type RequestVerdict } from './RequestCheck';
import { requestFromForm } from './requestFromForm';
import { formOf } from '../formOf';
import { FieldHeading } from '../FieldHeading';

/** Quiet time after typing before the backend is asked, so every keystroke is not a request. */
const CHECK_DELAY_MS = 500;

/**
 * `ui:field: NodePoolRequestCheck`: the backend's verdict on the request the form describes, as
 * the team fills it in, so a request the policy would refuse is caught before submit.
 * `ui:options.requestKind` says which request the template files. The field's value is the last
 * verdict: it puts the field in the form data, where the scaffolder runs the field's validation,
 * and shows on the review page.
 */
export function RequestCheckField(
  props: FieldExtensionComponentProps<RequestVerdict, RequestKindUiOptions>,
) {
  const { formData, onChange, formContext, schema, uiSchema, rawErrors } =
    props;
  const form = formOf(formContext);
  const { request, missing } = requestFromForm(form, requestKindOf(uiSchema));
  const settled = useDebouncedValue(request, CHECK_DELAY_MS);
  const onVerdict = useCallback(
    (verdict: RequestVerdict) => {
      if (verdict !== formData) onChange(verdict);
    },
    [formData, onChange],
  );

  return (
    <Flex direction="column" gap="3">
      <FieldHeading title={schema.title} description={schema.description} />
      <div aria-live="polite">
        {missing.length > 0 && (
          <Text color="secondary">
            {`Fill in ${missing.join(', ')} to check the request.`}
          </Text>
        )}
        {missing.length === 0 &&
          (settled ? (
            <RequestCheck request={settled} onVerdict={onVerdict} />
          ) : (
            // Typing has not stopped yet.
            <Text role="status">Checking with the backend…</Text>
          ))}
      </div>
      {/* The validation's errors, when the user moved on before the check above showed them. */}
      {!!rawErrors?.length && (
        <Text color="danger">{rawErrors.join('; ')}</Text>
      )}
    </Flex>
  );
}
