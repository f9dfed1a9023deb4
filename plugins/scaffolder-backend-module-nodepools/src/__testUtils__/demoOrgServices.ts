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
import {
  NodePoolsPermissionPolicy,
  nodePoolResourceRef,
} from '@nodepools/plugin-nodepools-node';

/** The demo organisation (examples/org.yaml): who belongs to which groups. */
export const demoMemberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/platform'],
  'user:default/bob': ['group:default/payments'],
  'user:default/erin': ['group:default/payments', 'group:default/ml-research'],
  'user:default/carol': ['group:default/search'],
};

/** The user service of a portal whose catalog holds the demo organisation. */
export const userInfoFromDemoOrg = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(demoMemberships[userEntityRef] ?? []),
        ],
      };
    },
  }),
});

/**
 * The permission framework in-process, deciding with the suite's real policy and the rules the
 * nodepools backend registers (the permission backend's HTTP hop needs real tokens, which mock
 * auth does not issue). Other plugins' permissions, the scaffolder's among them, are allowed, as
 * the demo policy allows them.
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
            // Only our resource type is conditional under this policy.
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
