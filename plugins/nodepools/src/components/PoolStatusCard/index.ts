export { PoolStatusCard, POOL_ID_ANNOTATION } from './PoolStatusCard';
