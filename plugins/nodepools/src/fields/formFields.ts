import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { ClusterPickerField } from './ClusterPickerField';
import { PoolLimitsField } from './PoolLimitsField';

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
