import { useEffect } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { Checkbox, CheckboxGroup, Flex, Select, Text } from '@backstage/ui';
import { CONSOLIDATION_POLICIES } from '@nodepools/plugin-nodepools-common';
import { requestKindOf, type RequestKindUiOptions } from '../requestKind';
import { useFormCluster } from '../useFormCluster';
import { advancedProblems } from './advancedProblems';
import {
  advancedStart,
  compactAdvanced,
  honoursInstanceLabels,
  offersGpus,
  parseList,
  type AdvancedValue,
} from './advancedValue';
import { BudgetsEditor } from './BudgetsEditor';
import { DraftTextField } from './DraftTextField';
import { formOf } from '../formOf';
import { PolicyLoadError } from '../PolicyLoadError';
import { FieldHeading } from '../FieldHeading';

const joinList = (values: string[]) => values.join(', ');
/** A whole number as typed; anything else is kept as typed, for the model's check to name. */
const parseWhole = (text: string) =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : (text as unknown as number);
const asText = (text: string) => text.trim();

/** How a setting typed as text is shown, and read back from what was typed. */
interface SettingText<T> {
  format: (value: T) => string;
  parse: (text: string) => T | undefined;
}
/** Kept as typed (a duration, a quantity): the model's check names what is wrong. */
const AS_TEXT: SettingText<string> = { format: String, parse: asText };
const AS_LIST: SettingText<string[]> = { format: joinList, parse: parseList };
const AS_WHOLE: SettingText<number> = { format: String, parse: parseWhole };

/**
 * `ui:field: NodePoolAdvanced`: the settings a simple request leaves to the cluster (instance
 * category, generation and excluded sizes, zones, GPU limit, consolidation, expiry, disruption
 * budgets, termination grace period, weight), grouped in one step. It starts from the cluster's
 * defaults (a change: from the pool's current spec) and offers only what the cluster's policy
 * and node class allow: on a node class without instance labels (kwok) it says so instead of
 * offering choices the NodePool could not honour.
 */
export function AdvancedField(
  props: FieldExtensionComponentProps<AdvancedValue, RequestKindUiOptions>,
) {
  const { formData, onChange, formContext, schema, uiSchema, disabled } = props;
  const form = formOf(formContext);
  const update = requestKindOf(uiSchema) === 'update';
  const loaded = useFormCluster(form, update);

  const policy = loaded.value?.policy;
  const current = loaded.value?.current;
  // Fill in the starting point once, when the cluster (and for a change, its pool) is known.
  // The form gives an object field `{}` rather than nothing: both mean "not filled in yet".
  const unset = formData === undefined || Object.keys(formData).length === 0;
  useEffect(() => {
    if (unset && policy && (!update || current))
      onChange(advancedStart(policy, current?.spec));
  }, [unset, policy, current, update, onChange]);

  if (loaded.error) return <PolicyLoadError error={loaded.error} />;
  if (!policy)
    return (
      <Text color="secondary">
        {loaded.loading
          ? 'Loading the cluster’s policy…'
          : 'Choose a cluster first: the advanced settings follow its policy.'}
      </Text>
    );

  const value = formData ?? {};
  const set = (patch: Partial<AdvancedValue>) =>
    onChange(compactAdvanced({ ...value, ...patch }));
  const problems = advancedProblems(value);
  const instances = honoursInstanceLabels(policy);
  const kind = policy.nodeClassRef ?? {
    group: 'karpenter.k8s.aws',
    kind: 'EC2NodeClass',
  };
  const d = policy.defaults ?? {};
  /** A setting typed as text: `read` says how its value is shown and read back. */
  const setting = <K extends keyof AdvancedValue>(
    key: K,
    read: SettingText<NonNullable<AdvancedValue[K]>>,
    label: string,
    description: string,
  ) => (
    <DraftTextField
      label={label}
      description={description}
      value={value[key] as NonNullable<AdvancedValue[K]> | undefined}
      format={read.format}
      parse={read.parse}
      onChange={typed => set({ [key]: typed })}
      disabled={disabled}
    />
  );

  return (
    <Flex direction="column" gap="4">
      <FieldHeading title={schema.title} description={schema.description} />
      {update && current && (
        <Text color="secondary">
          {`Starts from the approved spec of ${current.name} (generation ${current.generation}): only what you change here changes.`}
        </Text>
      )}

      <Text as="h4" variant="body-large" weight="bold">
        Instances
      </Text>
      {instances ? (
        <>
          {policy.instanceCategories.length > 0 && (
            <CheckboxGroup
              label="Instance categories"
              description="The families Karpenter may choose from (c compute, m general purpose, r memory, …): those this cluster allows"
              orientation="horizontal"
              isDisabled={disabled}
              value={value.instanceCategories ?? []}
              onChange={instanceCategories => set({ instanceCategories })}
            >
              {policy.instanceCategories.map(category => (
                <Checkbox key={category} value={category}>
                  {category}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
          {setting(
            'minInstanceGeneration',
            AS_WHOLE,
            'Minimum instance generation',
            `e.g. 6 for the 6th generation or newer${
              policy.minInstanceGeneration
                ? `; this cluster allows ${policy.minInstanceGeneration} or newer`
                : ''
            }`,
          )}
          {setting(
            'excludedInstanceSizes',
            AS_LIST,
            'Excluded instance sizes',
            'Comma-separated, e.g. nano, micro, small, metal',
          )}
          {value.instanceSizes && (
            <Text color="secondary">
              {`Limited to the instance sizes ${joinList(
                value.instanceSizes,
              )} (set through the API; kept).`}
            </Text>
          )}
        </>
      ) : (
        <Text role="note">
          {`This cluster's node class kind ${kind.kind} (${kind.group}) has no instance category, generation or size to select on, so none is offered: Karpenter chooses among its instance types by architecture, capacity type, CPU and memory.`}
        </Text>
      )}
      {setting(
        'zones',
        AS_LIST,
        'Zones',
        'Comma-separated availability zones, e.g. eu-west-1a; empty for any zone',
      )}
      {offersGpus(policy) &&
        setting(
          'gpu',
          AS_TEXT,
          'GPU limit',
          `GPUs the pool may hold in all, at most ${policy.maxPoolLimits.gpu} on this cluster; empty for none`,
        )}

      <Text as="h4" variant="body-large" weight="bold">
        Disruption and expiry
      </Text>
      <Select
        label="Consolidation policy"
        description="WhenEmptyOrUnderutilized also moves pods to pack nodes; WhenEmpty removes only empty nodes"
        isDisabled={disabled}
        options={CONSOLIDATION_POLICIES.map(p => ({ id: p, label: p }))}
        value={value.consolidationPolicy ?? d.consolidationPolicy ?? null}
        onChange={id =>
          set({ consolidationPolicy: id ? String(id) : undefined })
        }
      />
      {setting(
        'consolidateAfter',
        AS_TEXT,
        'Consolidate after',
        'How long a node stays empty or underused before Karpenter acts, e.g. "30s", or "Never"',
      )}
      {setting(
        'expireAfter',
        AS_TEXT,
        'Expire after',
        `Nodes are replaced after this long, e.g. "720h" (30 days)${
          policy.allowNeverExpire
            ? ', or "Never"'
            : '; this cluster requires nodes to expire'
        }`,
      )}
      {setting(
        'terminationGracePeriod',
        AS_TEXT,
        'Termination grace period',
        'How long a draining node may wait for its pods, e.g. "48h"; empty for no limit',
      )}
      {setting(
        'weight',
        AS_WHOLE,
        'Weight',
        '1 to 100: Karpenter tries pools of higher weight first; empty for none',
      )}
      <BudgetsEditor
        budgets={value.budgets}
        onChange={budgets => set({ budgets })}
        disabled={disabled}
      />
      {problems.length > 0 && (
        <Text role="alert" color="danger">
          {problems.join('; ')}
        </Text>
      )}
    </Flex>
  );
}
