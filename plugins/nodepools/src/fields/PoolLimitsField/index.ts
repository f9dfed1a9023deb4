export { PoolLimitsField } from './PoolLimitsField';
