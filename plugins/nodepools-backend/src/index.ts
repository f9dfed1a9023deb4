/**
 * Backend for self-service Karpenter NodePools.
 *
 * @packageDocumentation
 */
export { nodePoolsPlugin as default } from './plugin';
