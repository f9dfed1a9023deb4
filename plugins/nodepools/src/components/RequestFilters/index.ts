export { RequestFilters } from './RequestFilters';
export type { RequestFilterValues } from './RequestFilters';
