import { CONTROL_PLANE_USERS } from '../runtime/controlPlaneUsers.ts';
import type { KubeClient } from './KubeClient.ts';

const FIELD_MANAGER = 'nodepools-local-cluster';

const KARPENTER_READ = [
  {
    apiGroups: ['karpenter.sh'],
    resources: ['nodepools', 'nodeclaims'],
    verbs: ['get', 'list', 'watch'],
  },
  {
    apiGroups: ['karpenter.k8s.aws'],
    resources: ['ec2nodeclasses'],
    verbs: ['get', 'list', 'watch'],
  },
  // Karpenter mode's node class; a rule for a group that is not installed is harmless.
  {
    apiGroups: ['karpenter.kwok.sh'],
    resources: ['kwoknodeclasses'],
    verbs: ['get', 'list', 'watch'],
  },
];

/**
 * Cluster roles for the non-admin users. The reconciler's role is a starting point matching
 * DESIGN.md (NodePools, namespace labels, one admission policy); the backend may apply a
 * tighter one of its own with the admin token.
 */
const ROLES: Array<{ role: string; user: string; rules: unknown[] }> = [
  {
    role: 'nodepools:local-viewer',
    user: CONTROL_PLANE_USERS.lowPrivilege.name,
    rules: KARPENTER_READ,
  },
  {
    role: 'nodepools:local-reconciler',
    user: CONTROL_PLANE_USERS.reconciler.name,
    rules: [
      ...KARPENTER_READ,
      {
        apiGroups: ['karpenter.sh'],
        resources: ['nodepools'],
        verbs: ['create', 'update', 'patch', 'delete'],
      },
      {
        apiGroups: [''],
        resources: ['namespaces'],
        verbs: ['get', 'list', 'watch', 'patch', 'update'],
      },
      {
        apiGroups: [''],
        resources: ['nodes', 'pods'],
        verbs: ['get', 'list', 'watch'],
      },
      // Karpenter's FailedScheduling verdicts, as the shipped ClusterRole allows.
      { apiGroups: [''], resources: ['events'], verbs: ['list'] },
      {
        apiGroups: ['admissionregistration.k8s.io'],
        resources: [
          'validatingadmissionpolicies',
          'validatingadmissionpolicybindings',
        ],
        verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
      },
    ],
  },
];

/** Applies the cluster roles and bindings of the non-admin users (idempotent). */
export async function bootstrapRbac(admin: KubeClient): Promise<void> {
  for (const { role, user, rules } of ROLES) {
    await admin.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: role },
        rules,
      },
      FIELD_MANAGER,
    );
    await admin.apply(
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: role },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: role,
        },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user },
        ],
      },
      FIELD_MANAGER,
    );
  }
}
