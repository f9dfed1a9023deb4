/**
 * Frontend of the self-service Karpenter NodePools suite, for the New Frontend System.
 *
 * @packageDocumentation
 */
import { nodePoolsPlugin } from './plugin';

export { nodePoolsApiRef } from './api/NodePoolsApi';
export type { NodePoolsApi } from './api/NodePoolsApi';
export { NodePoolsClient } from './api/NodePoolsClient';
export { inputProblemsOf } from './api/inputProblems';
export type {
  ClusterHealth,
  ClusterHealthState,
  ClusterList,
  ClusterPolicySummary,
  ClusterSummary,
  InputProblems,
  NewRequest,
  NodePoolsHealth,
  PageQuery,
  PoolListQuery,
  RequestListQuery,
  RequestPreviewResult,
  ResourceQuantities,
} from './api/types';
export {
  myRequestsRouteRef as nodePoolsMyRequestsRouteRef,
  poolRouteRef as nodePoolsPoolRouteRef,
  requestRouteRef as nodePoolsRequestRouteRef,
  requestsRouteRef as nodePoolsRequestsRouteRef,
  rootRouteRef as nodePoolsRouteRef,
} from './routes';

// The app finds the plugin as this package's default export (`app.packages: all`).
export default nodePoolsPlugin;
