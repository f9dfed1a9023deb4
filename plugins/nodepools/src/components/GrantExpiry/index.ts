export { GrantExpiry } from './GrantExpiry';
export type { GrantExpiryProps } from './GrantExpiry';
export { describePoolExpiry, describeRequestExpiry } from './describeExpiry';
