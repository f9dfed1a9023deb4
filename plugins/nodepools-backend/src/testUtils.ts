/**
 * The backend's parts for suites that drive them without the plugin's HTTP API
 * (`@nodepools/plugin-nodepools-backend/testUtils`): the database store, the request workflow and
 * the reconciler, as the plugin wires them. The Karpenter suite (`packages/karpenter-e2e`) uses
 * them against a real control plane; they are not a stable API.
 *
 * @packageDocumentation
 */
export { DatabaseNodePoolsStore } from './database/DatabaseNodePoolsStore';
export { RequestWorkflow } from './workflow/RequestWorkflow';
export { parsePoolRequest } from './workflow/parsePoolRequest';
export { NodePoolsReconciler } from './reconciler/NodePoolsReconciler';
export type { ClusterHealth } from './reconciler/ClusterHealth';
