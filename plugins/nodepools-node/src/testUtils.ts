/**
 * Test fixtures for backends that run the NodePools plugin (`@nodepools/plugin-nodepools-node/testUtils`):
 * the demo organisation (`examples/org.yaml`) as a user service, and the permission framework
 * deciding with this package's real policy. Shared by the backend's and the scaffolder module's
 * suites, so both test against the same people and the same decisions.
 *
 * @packageDocumentation
 */
import {
  coreServices,
  createServiceFactory,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer } from '@backstage/plugin-permission-node';
import { NodePoolsPermissionPolicy } from './NodePoolsPermissionPolicy';
import { nodePoolResourceRef } from './permissionRules';

/** The demo organisation (examples/org.yaml): the groups each user belongs to. */
export const demoMemberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/platform'],
  'user:default/guest': ['group:default/platform'],
  'user:default/bob': ['group:default/payments'],
  'user:default/erin': ['group:default/payments', 'group:default/ml-research'],
  'user:default/carol': ['group:default/search'],
  'user:default/dave': ['group:default/ml-research'],
};

/** The user service of a portal whose catalog says users belong to `memberships`' groups. */
export function userInfoFrom(memberships: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      async getUserInfo(credentials) {
        const { userEntityRef } = credentials.principal as {
          userEntityRef: string;
        };
        return {
          userEntityRef,
          ownershipEntityRefs: [
            userEntityRef,
            ...(memberships[userEntityRef] ?? []),
          ],
        };
      },
    }),
  });
}

/** The user service of a portal whose catalog holds the demo organisation. */
export const userInfoFromDemoOrg = userInfoFrom(demoMemberships);

/**
 * The permission framework in-process, deciding with `NodePoolsPermissionPolicy` (approvers:
 * `group:default/platform`) and the rules the nodepools backend registers, as the permission
 * backend would. The permission backend's HTTP hop needs real on-behalf-of tokens, which mock auth
 * does not issue, so it is left out. Other plugins' permissions (the scaffolder's among them) are
 * allowed, as the demo policy allows them.
 */
export const permissionsWithDemoPolicy = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    userInfo: coreServices.userInfo,
    registry: coreServices.permissionsRegistry,
  },
  factory: ({ userInfo, registry }): PermissionsService => {
    const policy = new NodePoolsPermissionPolicy({
      userInfo,
      approverGroups: ['group:default/platform'],
    });
    const decide = async (
      permission: any,
      credentials: any,
    ): Promise<PolicyDecision> =>
      policy.handle(
        { permission },
        { credentials, info: await userInfo.getUserInfo(credentials) },
      );
    return {
      async authorizeConditional(requests: any[], { credentials }: any) {
        return Promise.all(
          requests.map(r => decide(r.permission, credentials)),
        ) as any;
      },
      async authorize(requests: any[], { credentials }: any) {
        return Promise.all(
          requests.map(async r => {
            const decision = await decide(r.permission, credentials);
            if (decision.result !== AuthorizeResult.CONDITIONAL)
              return { result: decision.result };
            // Only the nodepools resource type is conditional under the policy. Its rules are
            // registered with the nodepools plugin alone: ask for them only here, as another
            // plugin (the scaffolder) asking would be refused.
            const isAllowed = createConditionAuthorizer(
              registry.getPermissionRuleset(nodePoolResourceRef),
            );
            return {
              result: isAllowed(decision, { owner: r.resourceRef })
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
            };
          }),
        ) as any;
      },
    };
  },
});
