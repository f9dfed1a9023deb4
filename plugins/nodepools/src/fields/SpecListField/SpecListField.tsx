import { useEffect } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Checkbox, CheckboxGroup, Flex, Text } from '@backstage/ui';
import { DraftTextField } from '../AdvancedField/DraftTextField';
import { parseList } from '../AdvancedField/advancedValue';
import { requestKindOf, type RequestKindUiOptions } from '../requestKind';
import { useFormCluster } from '../useFormCluster';
import {
  allowedValues,
  SPEC_LISTS,
  specListStart,
  type SpecList,
} from './specListStart';
import { formOf } from '../formOf';
import { PolicyLoadError } from '../PolicyLoadError';

/** The field's `ui:options`. */
export interface SpecListUiOptions extends RequestKindUiOptions {
  /** Which list of the spec the field edits. */
  list?: SpecList;
}

/**
 * `ui:field: NodePoolSpecList`: architectures or capacity types as checkboxes of the values the
 * cluster's policy allows (nothing else is offered), or namespaces as a list; it starts from every
 * allowed value for a new pool and from the pool's approved spec for a change.
 */
export function SpecListField(
  props: FieldExtensionComponentProps<string[], SpecListUiOptions>,
) {
  const { formData, onChange, formContext, schema, uiSchema } = props;
  const { required, disabled, rawErrors } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const list = SPEC_LISTS.includes(options.list as SpecList)
    ? (options.list as SpecList)
    : 'architectures';
  const update = requestKindOf(uiSchema) === 'update';
  const form = formOf(formContext);
  const loaded = useFormCluster(form, update);
  const policy = loaded.value?.policy;
  const current = loaded.value?.current;

  // The form may start a list as `[]` or, with minItems, as one empty entry: not filled in yet.
  const unset = !formData?.some(v => typeof v === 'string' && v !== '');
  useEffect(() => {
    if (unset && policy && (!update || current)) {
      const start = specListStart(list, policy, current?.spec);
      if (start) onChange(start);
    }
  }, [unset, policy, current, update, list, onChange]);

  const label = schema.title ?? list;
  if (loaded.error) return <PolicyLoadError error={loaded.error} />;
  if (!policy)
    return (
      <Text color="secondary">
        {`${label}: ${
          loaded.loading
            ? 'loading the cluster’s policy…'
            : 'choose a cluster first, the choices follow its policy.'
        }`}
      </Text>
    );

  const allowed = allowedValues(list, policy);
  const value = formData ?? [];
  const outside = allowed ? value.filter(v => !allowed.includes(v)) : [];
  return (
    <Flex direction="column" gap="2">
      {allowed ? (
        <CheckboxGroup
          label={label}
          description={schema.description}
          isRequired={required}
          isDisabled={disabled}
          orientation="horizontal"
          value={value}
          onChange={values => onChange(values)}
        >
          {allowed.map(v => (
            <Checkbox key={v} value={v}>
              {v}
            </Checkbox>
          ))}
        </CheckboxGroup>
      ) : (
        <DraftTextField
          label={label}
          description={`${schema.description ?? ''} (comma-separated)`.trim()}
          value={formData}
          format={values => values.join(', ')}
          parse={parseList}
          onChange={values => onChange(values ?? [])}
          disabled={disabled}
        />
      )}
      {outside.length > 0 && (
        <Text role="alert" color="danger">
          {`${outside.join(', ')} ${
            outside.length === 1 ? 'is' : 'are'
          } not allowed on this cluster, which allows ${allowed!.join(', ')}`}
        </Text>
      )}
      {!!rawErrors?.length && (
        <Text color="danger">{rawErrors.join('; ')}</Text>
      )}
    </Flex>
  );
}
