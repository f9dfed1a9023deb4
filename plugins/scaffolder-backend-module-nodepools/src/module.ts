import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { NodePoolsClient } from '@nodepools/plugin-nodepools-node';
import { createPreviewAction } from './actions/createPreviewAction';
import { createRequestAction } from './actions/createRequestAction';

/** Scaffolder module: actions that request, change and decommission Karpenter node pools. */
export const scaffolderModuleNodePools = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'nodepools',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        // Both actions ask the backend, so they answer as the approval view will.
        const client = new NodePoolsClient(discovery, auth);
        scaffolder.addActions(
          createPreviewAction({ client }),
          createRequestAction({
            client,
            appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
          }),
        );
      },
    });
  },
});
