import type {
  BackstageCredentials,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createConditionTransformer } from '@backstage/plugin-permission-node';
import {
  nodePoolReadPermission,
  nodePoolRequestCreatePermission,
  nodePoolRequestDecidePermission,
  nodePoolsPermissions,
} from '@nodepools/plugin-nodepools-common';
import {
  nodePoolPermissionRules,
  nodePoolResourceRef,
  type NodePoolOwnershipQuery,
} from '@nodepools/plugin-nodepools-node';
import type { ResourceFilter } from './resourceFilter';

/** Asks the permission framework who may do what; list reads come back as SQL filters. */
export class NodePoolsAuthorizer {
  private readonly toFilter: (
    conditions: Parameters<
      ReturnType<typeof createConditionTransformer<NodePoolOwnershipQuery>>
    >[0],
  ) => ResourceFilter;

  /** Registers the suite's permissions, resource type and rules, and returns an authorizer. */
  static register(options: {
    permissions: PermissionsService;
    permissionsRegistry: PermissionsRegistryService;
  }) {
    options.permissionsRegistry.addResourceType({
      resourceRef: nodePoolResourceRef,
      permissions: nodePoolsPermissions,
      rules: Object.values(nodePoolPermissionRules),
      // Resources are keyed by the owning team's ref: that is all the rules look at.
      getResources: async refs => refs.map(owner => ({ owner })),
    });
    return new NodePoolsAuthorizer(
      options.permissions,
      options.permissionsRegistry,
    );
  }

  private constructor(
    private readonly permissions: PermissionsService,
    registry: PermissionsRegistryService,
  ) {
    this.toFilter = createConditionTransformer(
      registry.getPermissionRuleset(nodePoolResourceRef),
    );
  }

  /** The filter for what the caller may read: undefined for everything; throws when nothing. */
  async readFilter(
    credentials: BackstageCredentials,
  ): Promise<ResourceFilter | undefined> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: nodePoolReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    if (decision.result === AuthorizeResult.CONDITIONAL)
      return this.toFilter(decision.conditions);
    throw new NotAllowedError('you may not read node pools');
  }

  /** Throws unless the caller may file a request for this team. */
  async assertMayRequest(owner: string, credentials: BackstageCredentials) {
    const [decision] = await this.permissions.authorize(
      [{ permission: nodePoolRequestCreatePermission, resourceRef: owner }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        `you may not request node pools for ${owner}: you are not a member of that team`,
      );
  }

  /** Throws unless the caller may approve or reject requests of this team. */
  async assertMayDecide(owner: string, credentials: BackstageCredentials) {
    const [decision] = await this.permissions.authorize(
      [{ permission: nodePoolRequestDecidePermission, resourceRef: owner }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'you may not approve or reject node pool requests',
      );
  }
}
