/**
 * Shared backend pieces of the Karpenter NodePools suite, for the backend plugin and its modules.
 *
 * @packageDocumentation
 */
export {
  readNodePoolsConfig,
  type ClusterConfig,
  type GitDeliveryConfig,
  type NodePoolsConfig,
} from './readNodePoolsConfig';
export { readPricingConfig, type PricingConfig } from './readPricingConfig';
export { nodePoolsApproverGroups } from './nodePoolsApproverGroups';
export {
  nodePoolResourceRef,
  isNodePoolOwner,
  nodePoolPermissionRules,
  nodePoolConditions,
  createNodePoolConditionalDecision,
  type NodePoolResource,
  type NodePoolOwnershipQuery,
} from './permissionRules';
export { NodePoolsPermissionPolicy } from './NodePoolsPermissionPolicy';
export {
  NodePoolsClient,
  NodePoolsRequestRefusedError,
  type RequestPreviewResponse,
  type ServerVerdict,
} from './NodePoolsClient';
