import { stringify } from 'yaml';
import { CONTROL_PLANE_USERS } from './controlPlaneUsers.ts';
import type {
  ControlPlaneTokens,
  ControlPlaneUser,
} from './controlPlaneUsers.ts';
import { KUBECONFIG_CONTEXTS } from './ControlPlaneConnection.ts';

const CLUSTER = 'nodepools-local';

/** A kubeconfig with one context per user; the admin's is current (what `kubectl` uses). */
export function renderKubeconfig(
  server: string,
  caData: string,
  tokens: ControlPlaneTokens,
): string {
  const roles = Object.keys(CONTROL_PLANE_USERS) as ControlPlaneUser[];
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CLUSTER,
        cluster: { server, 'certificate-authority-data': caData },
      },
    ],
    users: roles.map(role => ({
      name: CONTROL_PLANE_USERS[role].name,
      user: { token: tokens[role] },
    })),
    contexts: roles.map(role => ({
      name: KUBECONFIG_CONTEXTS[role],
      context: { cluster: CLUSTER, user: CONTROL_PLANE_USERS[role].name },
    })),
    'current-context': KUBECONFIG_CONTEXTS.admin,
  });
}
