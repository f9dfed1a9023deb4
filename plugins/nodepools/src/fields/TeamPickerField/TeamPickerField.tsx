import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { Select, Text } from '@backstage/ui';
import { useEffect } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { loadTeams } from './loadTeams';

/**
 * `ui:field: NodePoolTeamPicker`: the teams the user belongs to (only members may request a pool
 * for a team), chosen already when there is just one.
 */
export function TeamPickerField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, schema, required, rawErrors, disabled } = props;
  const identity = useApi(identityApiRef);
  const catalog = useApi(catalogApiRef);
  const teams = useAsync(
    () => loadTeams(identity, catalog),
    [identity, catalog],
  );
  const only = teams.value?.length === 1 ? teams.value[0].ref : undefined;

  useEffect(() => {
    if (!formData && only) onChange(only);
  }, [formData, only, onChange]);

  if (teams.error) {
    return (
      <Text role="alert" color="danger">
        {`Could not load your teams: ${teams.error.message}`}
      </Text>
    );
  }
  if (teams.value?.length === 0) {
    return (
      <Text role="alert" color="danger">
        You belong to no team in the catalog, so you cannot request a pool. Ask
        to be added to your team's group.
      </Text>
    );
  }
  return (
    <Select
      label={schema.title ?? 'Team'}
      description={schema.description}
      isRequired={required}
      isDisabled={disabled || teams.loading}
      placeholder={teams.loading ? 'Loading your teams…' : 'Choose a team'}
      isInvalid={!!rawErrors?.length}
      options={(teams.value ?? []).map(t => ({ id: t.ref, label: t.title }))}
      value={formData ?? null}
      onChange={key => onChange(key ? String(key) : undefined)}
    />
  );
}
