/**
 * Catalog module that publishes Karpenter NodePools and their clusters as Resource entities.
 *
 * @packageDocumentation
 */
export { catalogModuleNodePools as default } from './module';
export {
  NodePoolsEntityProvider,
  type NodePoolsCatalogSource,
} from './NodePoolsEntityProvider';
export { clusterEntity, CLUSTER_ANNOTATION } from './clusterEntity';
export { poolEntity, poolEntityName, POOL_ANNOTATIONS } from './poolEntity';
