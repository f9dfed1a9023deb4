import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  NodePoolsPermissionPolicy,
  readNodePoolsConfig,
} from '@nodepools/plugin-nodepools-node';

/**
 * The demo portal's permission policy: team members request pools for their own teams and read
 * them; the approver groups of the configured clusters decide and read everything.
 */
export const nodePoolsPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'nodepools-demo-policy',
  register(env) {
    env.registerInit({
      deps: {
        policy: policyExtensionPoint,
        userInfo: coreServices.userInfo,
        config: coreServices.rootConfig,
      },
      async init({ policy, userInfo, config }) {
        const { clusters, platformOwner } = readNodePoolsConfig(config);
        const approverGroups = [
          ...new Set([
            platformOwner,
            ...clusters.flatMap(c => c.policy.approverGroups),
          ]),
        ];
        policy.setPolicy(
          new NodePoolsPermissionPolicy({ userInfo, approverGroups }),
        );
      },
    });
  },
});
