import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { AdvancedField, validateAdvanced } from './AdvancedField';
import type { AdvancedValue } from './AdvancedField';
import { ClusterPickerField } from './ClusterPickerField';
import {
  NodeClassPickerField,
  validateNodeClass,
} from './NodeClassPickerField';
import { LifetimeField, validateLifetime } from './LifetimeField';
import { PoolLimitsField } from './PoolLimitsField';
import { PoolNameField, validatePoolName } from './PoolNameField';
import type { PoolLimitsValue } from './PoolLimitsField/previewInput';
import { RequestCheckField, validateRequestCheck } from './RequestCheckField';
import type { RequestVerdict } from './RequestCheckField/RequestCheck';
import type { RequestKindUiOptions } from './requestKind';
import { SpecListField, type SpecListUiOptions } from './SpecListField';
import { TeamPickerField } from './TeamPickerField';

// One definition per `ui:field`, shared by the New Frontend System's form fields (formFields.ts)
// and the legacy system's field extensions, so both apps render and validate the same way.

/** What both systems' field factories take; no `schema`, as their schema types differ. */
type FieldOptions<TValue, TUiOptions = {}> = Pick<
  FieldExtensionOptions<TValue, TUiOptions>,
  'name' | 'component' | 'validation'
>;

/** `ui:field: NodePoolClusterPicker`. */
export const clusterPickerOptions: FieldOptions<string> = {
  name: 'NodePoolClusterPicker',
  component: ClusterPickerField,
};

/** `ui:field: NodePoolLimits`. */
export const poolLimitsOptions: FieldOptions<PoolLimitsValue> = {
  name: 'NodePoolLimits',
  component: PoolLimitsField,
};

/** `ui:field: NodePoolTeamPicker`. */
export const teamPickerOptions: FieldOptions<string> = {
  name: 'NodePoolTeamPicker',
  component: TeamPickerField,
};

/** `ui:field: NodePoolName`. */
export const poolNameOptions: FieldOptions<string> = {
  name: 'NodePoolName',
  component: PoolNameField,
  validation: validatePoolName,
};

/** `ui:field: NodePoolNodeClassPicker`. */
export const nodeClassPickerOptions: FieldOptions<
  string,
  RequestKindUiOptions
> = {
  name: 'NodePoolNodeClassPicker',
  component: NodeClassPickerField,
  validation: validateNodeClass,
};

/** `ui:field: NodePoolRequestCheck`. */
export const requestCheckOptions: FieldOptions<
  RequestVerdict,
  RequestKindUiOptions
> = {
  name: 'NodePoolRequestCheck',
  component: RequestCheckField,
  validation: validateRequestCheck,
};

/** `ui:field: NodePoolAdvanced`. */
export const advancedOptions: FieldOptions<
  AdvancedValue,
  RequestKindUiOptions
> = {
  name: 'NodePoolAdvanced',
  component: AdvancedField,
  validation: validateAdvanced,
};

/** `ui:field: NodePoolSpecList`. */
export const specListOptions: FieldOptions<string[], SpecListUiOptions> = {
  name: 'NodePoolSpecList',
  component: SpecListField,
};

/** `ui:field: NodePoolLifetime`. */
export const lifetimeOptions: FieldOptions<string> = {
  name: 'NodePoolLifetime',
  component: LifetimeField,
  validation: validateLifetime,
};
