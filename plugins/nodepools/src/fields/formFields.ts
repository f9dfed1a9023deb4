import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  advancedOptions,
  clusterPickerOptions,
  lifetimeOptions,
  nodeClassPickerOptions,
  poolLimitsOptions,
  poolNameOptions,
  requestCheckOptions,
  specListOptions,
  teamPickerOptions,
} from './fieldOptions';

/** `ui:field: NodePoolClusterPicker`. */
export const clusterPickerFormField = createFormField(clusterPickerOptions);

/** `ui:field: NodePoolLimits`. */
export const poolLimitsFormField = createFormField(poolLimitsOptions);

/** `ui:field: NodePoolTeamPicker`. */
export const teamPickerFormField = createFormField(teamPickerOptions);

/** `ui:field: NodePoolName`. */
export const poolNameFormField = createFormField(poolNameOptions);

/** `ui:field: NodePoolNodeClassPicker`. */
export const nodeClassPickerFormField = createFormField(nodeClassPickerOptions);

/** `ui:field: NodePoolRequestCheck`. */
export const requestCheckFormField = createFormField(requestCheckOptions);

/** `ui:field: NodePoolAdvanced`. */
export const advancedFormField = createFormField(advancedOptions);

/** `ui:field: NodePoolSpecList`. */
export const specListFormField = createFormField(specListOptions);

/** `ui:field: NodePoolLifetime`. */
export const lifetimeFormField = createFormField(lifetimeOptions);
