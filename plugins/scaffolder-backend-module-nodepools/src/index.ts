/**
 * Scaffolder actions for self-service Karpenter node pools.
 *
 * @packageDocumentation
 */
export { scaffolderModuleNodePools as default } from './module';
export {
  createPreviewAction,
  type RequestPreviewer,
} from './actions/createPreviewAction';
export {
  createRequestAction,
  type RequestFiler,
} from './actions/createRequestAction';
