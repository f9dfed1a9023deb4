export { TeamPickerField } from './TeamPickerField';
