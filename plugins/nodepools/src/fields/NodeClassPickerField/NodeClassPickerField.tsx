import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Flex, Select, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { describeLoadError } from '../../components/LoadErrorAlert/describeLoadError';
import { requestKindOf, type RequestKindUiOptions } from '../requestKind';
import { useStartFromCurrentPool } from '../useStartFromCurrentPool';
import { loadNodeClassChoices } from './loadNodeClassChoices';
import { formOf } from '../formOf';

/**
 * `ui:field: NodePoolNodeClassPicker`: the EC2NodeClasses the chosen cluster's policy allows, so a
 * template offers nothing the backend would refuse; classes the backend saw missing or not Ready
 * on the cluster are shown but cannot be chosen, with the backend's reason.
 */
export function NodeClassPickerField(
  props: FieldExtensionComponentProps<string, RequestKindUiOptions>,
) {
  const { formData, onChange, formContext, schema, required } = props;
  const { rawErrors, disabled, uiSchema } = props;
  const api = useApi(nodePoolsApiRef);
  const form = formOf(formContext);
  // Only the cluster matters: typing elsewhere in the form asks nothing again.
  const cluster = form?.cluster;
  const loaded = useAsync(
    () => loadNodeClassChoices(api, { cluster }),
    [api, cluster],
  );
  const label = schema.title ?? 'Node class';
  // A change starts from the pool's node class: changing it replaces every node.
  useStartFromCurrentPool(
    form,
    requestKindOf(uiSchema) === 'update',
    formData,
    spec => spec.nodeClass,
    onChange,
  );

  if (loaded.error) {
    const { message, advice } = describeLoadError(loaded.error);
    return (
      <Text role="alert" color="danger">
        {`Could not load the node classes: ${message}. ${advice}`}
      </Text>
    );
  }
  const { cluster: known, choices = [] } = loaded.value ?? {};
  const chosen = choices.find(c => c.name === formData);
  let problem: string | undefined;
  if (known && formData && !chosen)
    problem = `${formData} is not offered on cluster ${known}: choose one of ${
      choices.map(c => c.name).join(', ') || 'none'
    }`;
  else if (chosen?.unusable) problem = chosen.unusable;

  let placeholder = 'Choose a node class';
  if (loaded.loading) placeholder = 'Loading node classes…';
  else if (!known) placeholder = 'Choose a cluster first';

  return (
    <Flex direction="column" gap="2">
      <Select
        label={label}
        description={schema.description}
        isRequired={required}
        isDisabled={disabled || loaded.loading || !known}
        placeholder={placeholder}
        isInvalid={!!problem || !!rawErrors?.length}
        options={choices.map(c => ({
          id: c.name,
          label: c.name,
          description: c.unusable ?? (c.notes.join(' ') || undefined),
          disabled: !!c.unusable,
        }))}
        value={chosen ? chosen.name : null}
        onChange={id => onChange(id ? String(id) : undefined)}
      />
      {problem && (
        <Text role="alert" color="danger">
          {problem}
        </Text>
      )}
    </Flex>
  );
}
