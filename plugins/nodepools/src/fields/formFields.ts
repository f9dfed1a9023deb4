import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ClusterPickerField } from './ClusterPickerField';
import {
  NodeClassPickerField,
  validateNodeClass,
} from './NodeClassPickerField';
import { PoolLimitsField } from './PoolLimitsField';
import { RequestCheckField, validateRequestCheck } from './RequestCheckField';

/** `ui:field: NodePoolClusterPicker`. */
export const clusterPickerFormField = createFormField({
  name: 'NodePoolClusterPicker',
  component: ClusterPickerField,
});

/** `ui:field: NodePoolLimits`. */
export const poolLimitsFormField = createFormField({
  name: 'NodePoolLimits',
  component: PoolLimitsField,
});

/** `ui:field: NodePoolNodeClassPicker`. */
export const nodeClassPickerFormField = createFormField({
  name: 'NodePoolNodeClassPicker',
  component: NodeClassPickerField,
  validation: validateNodeClass,
});

/** `ui:field: NodePoolRequestCheck`. */
export const requestCheckFormField = createFormField({
  name: 'NodePoolRequestCheck',
  component: RequestCheckField,
  validation: validateRequestCheck,
});
