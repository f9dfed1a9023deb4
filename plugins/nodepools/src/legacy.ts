/**
 * The node pools plugin for apps on the legacy frontend system: the same components as the New
 * Frontend System plugin (the package's default export), wrapped in `@backstage/core-plugin-api`
 * extensions. Import from `@nodepools/plugin-nodepools/legacy`.
 *
 * @packageDocumentation
 */
export {
  EntityNodePoolStatusCard,
  EntityTeamNodePoolsCard,
  NodePoolsPage,
  isNodePoolEntity,
  nodePoolsLegacyPlugin,
} from './legacy/plugin';
export {
  NodePoolAdvancedFieldExtension,
  NodePoolClusterPickerFieldExtension,
  NodePoolLifetimeFieldExtension,
  NodePoolLimitsFieldExtension,
  NodePoolNameFieldExtension,
  NodePoolNodeClassPickerFieldExtension,
  NodePoolRequestCheckFieldExtension,
  NodePoolSpecListFieldExtension,
  NodePoolTeamPickerFieldExtension,
} from './legacy/fieldExtensions';
export { legacyRootRouteRef as nodePoolsLegacyRouteRef } from './legacy/routes';
export { nodePoolsApiRef } from './api/NodePoolsApi';
export type { NodePoolsApi } from './api/NodePoolsApi';
export { NodePoolsClient } from './api/NodePoolsClient';
