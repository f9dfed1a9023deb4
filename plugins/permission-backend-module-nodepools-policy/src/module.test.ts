import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  createPermission,
  type Permission,
} from '@backstage/plugin-permission-common';
import {
  nodePoolReadPermission,
  nodePoolRequestCreatePermission,
  nodePoolRequestDecidePermission,
} from '@nodepools/plugin-nodepools-common';
import { isNodePoolOwner } from '@nodepools/plugin-nodepools-node';
import { userInfoFrom } from '@nodepools/plugin-nodepools-node/testUtils';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import policyModule from './index';

/** Who belongs to which groups, as the catalog would say. */
const memberships: Record<string, string[]> = {
  'user:default/alice': ['group:default/platform'],
  'user:default/bob': ['group:default/payments'],
  'user:default/dave': ['group:default/gpu-approvers'],
  'user:default/mallory': [],
};

const userInfoFromMemberships = userInfoFrom(memberships);

const catalogRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

async function startPermissionBackend() {
  const backend = await startTestBackend({
    features: [
      permissionPlugin,
      policyModule,
      userInfoFromMemberships,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          nodepools: {
            platformOwner: 'group:default/platform',
            clusters: [
              { name: 'prod', policy: {} },
              {
                name: 'gpu',
                policy: { approverGroups: ['group:default/gpu-approvers'] },
              },
            ],
          },
        },
      }),
    ],
  });
  const { port } = (
    backend.server as unknown as Server
  ).address() as AddressInfo;

  /**
   * Asks the permission backend, as a plugin acting for `user` would: on behalf of the user,
   * without a resource, so conditional decisions come back as conditions.
   */
  return async (user: string, permissions: Permission[]) => {
    const response = await fetch(
      `http://localhost:${port}/api/permission/authorize`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${mockCredentials.user.token(
            `user:default/${user}`,
            { actor: { subject: 'plugin:nodepools' } },
          )}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({
          items: permissions.map((permission, i) => ({
            id: String(i),
            permission,
          })),
        }),
      },
    );
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: any[] };
    return items.map(({ id: _id, ...decision }) => decision);
  };
}

/** Whether a conditional decision lets its holder act on a pool owned by `owner`. */
function allowsPoolOf(decision: any, owner: string): boolean {
  expect(decision).toMatchObject({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'nodepools',
    resourceType: 'nodepool',
    conditions: { rule: 'IS_NODEPOOL_OWNER', resourceType: 'nodepool' },
  });
  return isNodePoolOwner.apply({ owner }, decision.conditions.params);
}

describe('permission module: the NodePools policy', () => {
  let authorize: Awaited<ReturnType<typeof startPermissionBackend>>;
  beforeAll(async () => {
    authorize = await startPermissionBackend();
  });

  it('lets a team member request and read pools of their own team only, never decide', async () => {
    const [create, decide, read] = await authorize('bob', [
      nodePoolRequestCreatePermission,
      nodePoolRequestDecidePermission,
      nodePoolReadPermission,
    ]);
    expect(allowsPoolOf(create, 'group:default/payments')).toBe(true);
    expect(allowsPoolOf(create, 'group:default/search')).toBe(false);
    expect(decide).toEqual({ result: AuthorizeResult.DENY });
    expect(allowsPoolOf(read, 'group:default/payments')).toBe(true);
    expect(allowsPoolOf(read, 'group:default/search')).toBe(false);
  });

  it('lets the platform owner decide and read everything, and request only for its own team', async () => {
    const [create, decide, read] = await authorize('alice', [
      nodePoolRequestCreatePermission,
      nodePoolRequestDecidePermission,
      nodePoolReadPermission,
    ]);
    expect(decide).toEqual({ result: AuthorizeResult.ALLOW });
    expect(read).toEqual({ result: AuthorizeResult.ALLOW });
    expect(allowsPoolOf(create, 'group:default/platform')).toBe(true);
    expect(allowsPoolOf(create, 'group:default/payments')).toBe(false);
  });

  it("counts a cluster's own approver group among the approvers", async () => {
    const [decide] = await authorize('dave', [nodePoolRequestDecidePermission]);
    expect(decide).toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('gives someone in no team nothing of any team', async () => {
    const [create, decide, read] = await authorize('mallory', [
      nodePoolRequestCreatePermission,
      nodePoolRequestDecidePermission,
      nodePoolReadPermission,
    ]);
    expect(decide).toEqual({ result: AuthorizeResult.DENY });
    for (const team of ['payments', 'platform', 'search']) {
      expect(allowsPoolOf(create, `group:default/${team}`)).toBe(false);
      expect(allowsPoolOf(read, `group:default/${team}`)).toBe(false);
    }
  });

  it("allows other plugins' permissions, as the allow-all policy it replaces did", async () => {
    const [read] = await authorize('mallory', [catalogRead]);
    expect(read).toEqual({ result: AuthorizeResult.ALLOW });
  });
});
