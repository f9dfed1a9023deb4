import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Flex, Text, TextField } from '@backstage/ui';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { requestKindOf } from '../requestKind';
import { useStartFromCurrentPool } from '../useStartFromCurrentPool';
import { LimitsPreview } from './LimitsPreview';
import { previewInput, type PoolLimitsValue } from './previewInput';
import { formOf } from '../formOf';
import { FieldHeading } from '../FieldHeading';

/** Quiet time after typing before the backend is asked, so every keystroke is not a request. */
const PREVIEW_DELAY_MS = 500;

/** The two limits a request sets, in the order the form shows them. */
const LIMIT_FIELDS = [
  { key: 'cpu', label: 'CPU limit', description: 'Cores, e.g. 16 or 1500m' },
  { key: 'memory', label: 'Memory limit', description: 'e.g. 64Gi' },
] as const;

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
  // Team, cluster and node choices come from the rest of the form.
  const form = formOf(formContext);
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
      <FieldHeading title={schema.title} />
      <Flex gap="3">
        {LIMIT_FIELDS.map(({ key, label, description }) => (
          <TextField
            key={key}
            label={label}
            description={description}
            isRequired
            isDisabled={disabled}
            value={formData?.[key] ?? ''}
            onChange={text => onChange({ ...formData, [key]: text })}
          />
        ))}
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
