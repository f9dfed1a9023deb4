export { PoolNameField } from './PoolNameField';
export { validatePoolName } from './validatePoolName';
