export { NodePoolsRootContext, useNodePoolsLinks } from './NodePoolsLinks';
export type { NodePoolsLinks } from './NodePoolsLinks';
export { NfsNodePoolsLinks } from './NfsNodePoolsLinks';
