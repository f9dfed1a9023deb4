import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  nodePoolReadPermission,
  nodePoolRequestCreatePermission,
  nodePoolRequestDecidePermission,
} from '@nodepools/plugin-nodepools-common';
import {
  createNodePoolConditionalDecision,
  nodePoolConditions,
} from './permissionRules';

/**
 * A permission policy for the suite that a portal can use as it is or copy into its own:
 * team members request pools for their own teams and read their teams' pools; approvers decide
 * on requests and read everything. Permissions of other plugins are allowed (delegate them to
 * your own policy in a real portal).
 */
export class NodePoolsPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly options: {
      userInfo: UserInfoService;
      /** Groups whose members approve requests (the union of every cluster's approver groups). */
      approverGroups: string[];
    },
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const isOurs =
      isPermission(permission, nodePoolRequestCreatePermission) ||
      isPermission(permission, nodePoolRequestDecidePermission) ||
      isPermission(permission, nodePoolReadPermission);
    if (!isOurs) return { result: AuthorizeResult.ALLOW };
    if (
      !user ||
      (user.credentials.principal as { type?: string }).type !== 'user'
    ) {
      // Other plugins may read on a user's behalf; nothing but a person files or decides.
      return {
        result:
          isPermission(permission, nodePoolReadPermission) && user
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    const isApprover = this.options.approverGroups.some(g =>
      ownershipEntityRefs.includes(g),
    );

    if (isPermission(permission, nodePoolRequestDecidePermission)) {
      return {
        result: isApprover ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      };
    }
    if (isPermission(permission, nodePoolReadPermission) && isApprover) {
      return { result: AuthorizeResult.ALLOW };
    }
    // Requests and reads of a team's pools: only for the teams the user belongs to.
    return createNodePoolConditionalDecision(
      permission as typeof nodePoolReadPermission,
      nodePoolConditions.isNodePoolOwner({ owners: ownershipEntityRefs }),
    );
  }
}
