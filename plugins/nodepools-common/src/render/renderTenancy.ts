import type { ClusterPolicy } from '../policy/ClusterPolicy';
import { MANAGED_BY, NODEPOOLS_LABELS } from '../model/names';
import type { Manifest } from './manifestTypes';
import {
  namespaceOwnershipRules,
  nodeAssignmentRules,
  podPolicyRules,
} from './tenancyCel';
import type { TenantPool } from './tenantPools';

export { tenantPoolOf, type TenantPool } from './tenantPools';

/** Names of the cluster-wide admission objects; one set per cluster. */
export const TENANCY_OBJECT_NAMES = {
  podPolicy: 'nodepools-tenant-isolation',
  namespacePolicy: 'nodepools-namespace-ownership',
  nodeAssignmentPolicy: 'nodepools-node-assignment',
} as const;

const ownership = { [NODEPOOLS_LABELS.managedBy]: MANAGED_BY };

/** Pods, and every controller that makes pods from a template: refused where they are applied. */
const POD_TEMPLATES = [
  { apiGroups: [''], resources: ['pods'] },
  {
    apiGroups: ['apps'],
    resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'],
  },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'] },
];

function podPolicy(policy: ClusterPolicy, pools: TenantPool[]): Manifest[] {
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: TENANCY_OBJECT_NAMES.podPolicy, labels: ownership },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: POD_TEMPLATES.map(rule => ({
            ...rule,
            apiVersions: ['v1'],
            operations: ['CREATE', 'UPDATE'],
          })),
        },
        ...podPolicyRules(policy, pools),
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: TENANCY_OBJECT_NAMES.podPolicy, labels: ownership },
      spec: {
        policyName: TENANCY_OBJECT_NAMES.podPolicy,
        validationActions: ['Deny'],
        matchResources: outsideSystemNamespaces(policy),
      },
    },
  ];
}

/**
 * A pod that names its node (`spec.nodeName`, or a Binding) skips the scheduler, and the kubelet
 * does not enforce NoSchedule: the taint cannot keep it off a team's node. The policy cannot look
 * a node up, so its binding selects every team node as a param (nodes carry the team label from
 * their NodePool's template) and refuses a node whose team is not the namespace's. The API server
 * evaluates it once per team node, so a match condition keeps that to requests that name a node.
 */
function nodeAssignmentPolicy(policy: ClusterPolicy): Manifest[] {
  const name = TENANCY_OBJECT_NAMES.nodeAssignmentPolicy;
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels: ownership },
      spec: {
        failurePolicy: 'Fail',
        paramKind: { apiVersion: 'v1', kind: 'Node' },
        matchConstraints: {
          resourceRules: [
            ...POD_TEMPLATES.map(rule => ({
              ...rule,
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
            })),
            {
              // What the scheduler writes, and what anyone with pods/binding could write instead.
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE'],
              resources: ['pods/binding'],
            },
          ],
        },
        ...nodeAssignmentRules(policy),
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: ownership },
      spec: {
        policyName: name,
        validationActions: ['Deny'],
        paramRef: {
          selector: {
            matchExpressions: [
              { key: policy.teamLabelKey, operator: 'Exists' },
            ],
          },
          // No team node yet: nothing to protect.
          parameterNotFoundAction: 'Allow',
        },
        matchResources: outsideSystemNamespaces(policy),
      },
    },
  ];
}

/** Tenancy binds everywhere but the namespaces the platform itself runs in. */
function outsideSystemNamespaces(policy: ClusterPolicy) {
  return {
    namespaceSelector: {
      matchExpressions: [
        {
          key: 'kubernetes.io/metadata.name',
          operator: 'NotIn',
          values: [...policy.systemNamespaces].sort(),
        },
      ],
    },
  };
}

function namespacePolicy(policy: ClusterPolicy): Manifest[] {
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: {
        name: TENANCY_OBJECT_NAMES.namespacePolicy,
        labels: ownership,
      },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['namespaces'],
            },
          ],
        },
        ...namespaceOwnershipRules(policy),
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: {
        name: TENANCY_OBJECT_NAMES.namespacePolicy,
        labels: ownership,
      },
      spec: {
        policyName: TENANCY_OBJECT_NAMES.namespacePolicy,
        validationActions: ['Deny'],
      },
    },
  ];
}

/**
 * The cluster's tenant enforcement: a taint is not a boundary (anyone can add a toleration), so
 * admission refuses pods, and the controllers that make them, that tolerate or select a team's
 * nodes (by team label, NodePool name or any template label of the managed `pools`), or name
 * one of its nodes outright, from a namespace not labelled for that team, and refuses team labels on namespaces set by anyone but
 * the reconciler.
 */
export function renderTenancyPolicy(
  policy: ClusterPolicy,
  pools: TenantPool[] = [],
): Manifest[] {
  return [
    ...podPolicy(policy, pools),
    ...nodeAssignmentPolicy(policy),
    ...namespacePolicy(policy),
  ];
}

/** The label patch that lets a namespace use its team's pools. */
export function renderNamespaceLabel(
  namespace: string,
  team: string,
  policy: ClusterPolicy,
): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace, labels: { [policy.teamLabelKey]: team } },
  };
}

/**
 * The toleration and node selector a team puts in its workloads to land on its pool. Only the two
 * keys are needed, so the frontend builds it from the policy summary `GET /clusters` sends.
 */
export function workloadSnippet(
  team: string,
  policy: Pick<ClusterPolicy, 'taintKey' | 'teamLabelKey'>,
) {
  return {
    tolerations: [
      {
        key: policy.taintKey,
        operator: 'Equal',
        value: team,
        effect: 'NoSchedule',
      },
    ],
    nodeSelector: { [policy.teamLabelKey]: team },
  };
}
