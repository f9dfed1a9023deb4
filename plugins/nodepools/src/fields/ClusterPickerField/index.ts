export { ClusterPickerField } from './ClusterPickerField';
