import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Select, Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { formatQuantities } from '../../components/ClustersTable/formatPolicy';
import { describeLoadError } from '../../components/LoadErrorAlert/describeLoadError';

/**
 * `ui:field: NodePoolClusterPicker`: the clusters the backend has configured, each with its team
 * budget, so templates need not hard-code an `enum` that drifts from app-config.
 */
export function ClusterPickerField(
  props: FieldExtensionComponentProps<string>,
) {
  const { formData, onChange, schema, required, rawErrors, disabled } = props;
  const api = useApi(nodePoolsApiRef);
  const clusters = useAsync(() => api.listClusters(), [api]);
  const label = schema.title ?? 'Cluster';

  if (clusters.error) {
    const { message, advice } = describeLoadError(clusters.error);
    return (
      <Text role="alert" color="danger">
        {`Could not load the clusters: ${message}. ${advice}`}
      </Text>
    );
  }
  return (
    <Select
      label={label}
      description={schema.description}
      isRequired={required}
      isDisabled={disabled || clusters.loading}
      placeholder={clusters.loading ? 'Loading clusters…' : 'Choose a cluster'}
      isInvalid={!!rawErrors?.length}
      options={(clusters.value ?? []).map(c => ({
        id: c.name,
        label: c.title ?? c.name,
        description: `Team budget ${formatQuantities(c.policy.teamBudget)}; ${
          c.policy.quorum
        } approval(s)`,
      }))}
      value={formData ?? null}
      onChange={key => onChange(key ? String(key) : undefined)}
    />
  );
}
