import { useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Flex, Text, TextField } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { lifetimeHelp, lifetimeProblem } from './lifetimeHelp';

/**
 * `ui:field: NodePoolLifetime`: the grant's lifetime, with the chosen cluster's default and
 * maximum as its help. The policy check of the form says whether the backend allows it.
 */
export function LifetimeField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, formContext, schema, required, disabled } = props;
  const api = useApi(nodePoolsApiRef);
  const form = (
    formContext as { formData?: Record<string, unknown> } | undefined
  )?.formData;
  const cluster = typeof form?.cluster === 'string' ? form.cluster : undefined;
  const rules = useAsync(async () => {
    if (!cluster) return undefined;
    const clusters = await api.listClusters();
    return clusters.find(c => c.name === cluster)?.policy.lifetime;
  }, [api, cluster]);
  const value = formData ?? '';
  const problem = lifetimeProblem(value);
  return (
    <Flex direction="column" gap="1">
      <TextField
        label={schema.title ?? 'Lifetime'}
        description={lifetimeHelp(cluster, rules.value)}
        isRequired={required}
        isDisabled={disabled}
        isInvalid={!!problem}
        value={value}
        onChange={text =>
          onChange(text.trim() === '' ? undefined : text.trim())
        }
      />
      <div aria-live="polite">
        {problem && <Text color="danger">{problem}</Text>}
      </div>
    </Flex>
  );
}
