import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Flex, Text, TextField } from '@backstage/ui';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { requestKindOf } from '../requestKind';
import { useStartFromCurrentPool } from '../useStartFromCurrentPool';
import { LimitsPreview } from './LimitsPreview';
import { previewInput, type PoolLimitsValue } from './previewInput';

/** Quiet time after typing before the backend is asked, so every keystroke is not a request. */
const PREVIEW_DELAY_MS = 500;

/**
 * `ui:field: NodePoolLimits`: CPU and memory limits with the team's budget left afterwards and the
 * monthly cost ceiling, from the backend's dry run of the request the form describes so far.
 */
export function PoolLimitsField(
  props: FieldExtensionComponentProps<PoolLimitsValue>,
) {
  const { formData, onChange, formContext, schema, uiSchema, disabled } = props;
  // A change is previewed as an update of the pool: as a create, its name would be taken.
  const kind = requestKindOf(uiSchema) === 'update' ? 'update' : 'create';
  // The scaffolder passes the whole form as formContext.formData: team, cluster and node choices.
  const form = (
    formContext as { formData?: Record<string, unknown> } | undefined
  )?.formData;
  // A change starts from the pool's limits.
  useStartFromCurrentPool(
    form,
    kind === 'update',
    formData?.cpu || formData?.memory ? formData : undefined,
    spec => ({ cpu: spec.limits.cpu, memory: spec.limits.memory }),
    onChange,
  );
  const request = useDebouncedValue(
    previewInput(formData, form, kind),
    PREVIEW_DELAY_MS,
  );

  return (
    <Flex direction="column" gap="3">
      {schema.title && (
        <Text as="h3" variant="title-x-small">
          {schema.title}
        </Text>
      )}
      <Flex gap="3">
        <TextField
          label="CPU limit"
          description="Cores, e.g. 16 or 1500m"
          isRequired
          isDisabled={disabled}
          value={formData?.cpu ?? ''}
          onChange={cpu => onChange({ ...formData, cpu })}
        />
        <TextField
          label="Memory limit"
          description="e.g. 64Gi"
          isRequired
          isDisabled={disabled}
          value={formData?.memory ?? ''}
          onChange={memory => onChange({ ...formData, memory })}
        />
      </Flex>
      <div aria-live="polite">
        {request ? (
          <LimitsPreview request={request} />
        ) : (
          <Text color="secondary">
            Choose the team and cluster and enter both limits to see the cost
            ceiling and the budget left.
          </Text>
        )}
      </div>
    </Flex>
  );
}
