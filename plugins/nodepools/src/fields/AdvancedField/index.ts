export { AdvancedField } from './AdvancedField';
export { validateAdvanced } from './validateAdvanced';
export type { AdvancedValue } from './advancedValue';
