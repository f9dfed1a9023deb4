export { NodeClassPickerField } from './NodeClassPickerField';
export { validateNodeClass } from './validateNodeClass';
