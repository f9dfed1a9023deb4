import crypto from 'node:crypto';

/** Bearer tokens of the users the control plane knows, by role. */
export interface ControlPlaneTokens {
  /** In `system:masters`: may do anything, RBAC is bypassed. */
  admin: string;
  /** Bound to the rules the NodePool reconciler needs (NodePools, namespaces, admission policies). */
  reconciler: string;
  /** Read-only on Karpenter objects: the low-privilege user for RBAC tests. */
  lowPrivilege: string;
  /** Authenticated, but no RBAC binding at all. */
  noAccess: string;
}

/** A role of {@link ControlPlaneTokens}. */
export type ControlPlaneUser = keyof ControlPlaneTokens;

/** User names and groups the API server sees for each role (RBAC subjects refer to these). */
export const CONTROL_PLANE_USERS: Record<
  ControlPlaneUser,
  { name: string; groups: string[] }
> = {
  admin: { name: 'nodepools-admin', groups: ['system:masters'] },
  reconciler: { name: 'nodepools-reconciler', groups: [] },
  lowPrivilege: { name: 'nodepools-viewer', groups: [] },
  noAccess: { name: 'nodepools-no-access', groups: [] },
};

/** Fresh random tokens, one per role; new ones every start so stale configs fail loudly. */
export function createTokens(): ControlPlaneTokens {
  const token = () => crypto.randomBytes(24).toString('hex');
  return {
    admin: token(),
    reconciler: token(),
    lowPrivilege: token(),
    noAccess: token(),
  };
}

/**
 * The `--token-auth-file` CSV: `token,user,uid,"group1,group2"` per line. A static token file is
 * the simplest authenticator that still gives RBAC real subjects to check.
 */
export function renderTokenAuthFile(tokens: ControlPlaneTokens): string {
  return (Object.keys(CONTROL_PLANE_USERS) as ControlPlaneUser[])
    .map(role => {
      const user = CONTROL_PLANE_USERS[role];
      const columns = [tokens[role], user.name, user.name];
      if (user.groups.length > 0) columns.push(`"${user.groups.join(',')}"`);
      return columns.join(',');
    })
    .join('\n')
    .concat('\n');
}
