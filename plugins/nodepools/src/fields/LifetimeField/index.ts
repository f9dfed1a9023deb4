export { LifetimeField } from './LifetimeField';
export { validateLifetime } from './validateLifetime';
