import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  nodePoolName,
  poolNameProblem,
} from '@nodepools/plugin-nodepools-common';
import { Flex, Text, TextField } from '@backstage/ui';
import { teamOfForm } from './teamOfForm';
import { formOf } from '../formOf';

/**
 * `ui:field: NodePoolName`: the pool's name, checked as it is typed, with the name the NodePool
 * will have in the cluster (`<team>.<pool>`) as its help. A plain string field could only print
 * the rule, and the scaffolder's markdown swallows `<team>.<pool>` as HTML tags.
 */
export function PoolNameField(props: FieldExtensionComponentProps<string>) {
  const { formData, onChange, formContext, schema, required, disabled } = props;
  const form = formOf(formContext);
  const team = teamOfForm(form);
  const value = formData ?? '';
  const problem = value === '' ? undefined : poolNameProblem(value, team);
  const help = team
    ? `Lower-case letters, digits and '-'. The NodePool will be named ${nodePoolName(
        team,
        value || '…',
      )}`
    : "Lower-case letters, digits and '-'. Choose the team to see the NodePool's name";

  return (
    <Flex direction="column" gap="1">
      <TextField
        label={schema.title ?? 'Pool name'}
        description={help}
        isRequired={required}
        isDisabled={disabled}
        isInvalid={!!problem}
        value={value}
        onChange={text => onChange(text === '' ? undefined : text)}
      />
      <div aria-live="polite">
        {problem && <Text color="danger">{problem}</Text>}
      </div>
    </Flex>
  );
}
