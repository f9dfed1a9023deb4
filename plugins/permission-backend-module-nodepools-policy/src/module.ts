import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  NodePoolsPermissionPolicy,
  nodePoolsApproverGroups,
  readNodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';

/**
 * Sets `NodePoolsPermissionPolicy` as the portal's permission policy: team members request pools
 * for their own teams and read them; the platform owner and the clusters' approver groups decide
 * and read everything; other plugins' permissions are allowed.
 */
export const permissionModuleNodePoolsPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'nodepools-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        // Read once at start: a config typo stops the backend here, like the plugin itself.
        const approverGroups = nodePoolsApproverGroups(
          readNodePoolsConfig(config),
        );
        policy.setPolicy(
          new NodePoolsPermissionPolicy({ userInfo, approverGroups }),
        );
      },
    });
  },
});
