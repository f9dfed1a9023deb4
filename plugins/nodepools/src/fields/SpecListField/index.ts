export { SpecListField } from './SpecListField';
export type { SpecListUiOptions } from './SpecListField';
