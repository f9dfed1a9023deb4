import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { createPreviewAction } from './actions/createPreviewAction';

/** Scaffolder module: actions that request, change and decommission Karpenter node pools. */
export const scaffolderModuleNodePools = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        scaffolder.addActions(
          createPreviewAction({ config: readNodePoolsConfig(config) }),
        );
      },
    });
  },
});
