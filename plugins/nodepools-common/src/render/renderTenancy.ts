import type { ClusterPolicy } from '../policy/ClusterPolicy';
import { MANAGED_BY, NODEPOOLS_LABELS } from '../model/names';
import type { Manifest } from './manifestTypes';

/** Names of the cluster-wide admission objects; one set per cluster. */
export const TENANCY_OBJECT_NAMES = {
  podPolicy: 'nodepools-tenant-isolation',
  namespacePolicy: 'nodepools-namespace-ownership',
} as const;

/** A CEL string literal; config values are validated, but quoting stays correct for any text. */
const cel = (text: string) =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const ownership = { [NODEPOOLS_LABELS.managedBy]: MANAGED_BY };

function podPolicy(policy: ClusterPolicy): Manifest[] {
  const taint = cel(policy.taintKey);
  const label = cel(policy.teamLabelKey);
  const required =
    'object.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: TENANCY_OBJECT_NAMES.podPolicy, labels: ownership },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [
            {
              apiGroups: [''],
              apiVersions: ['v1'],
              operations: ['CREATE', 'UPDATE'],
              resources: ['pods'],
            },
          ],
        },
        variables: [
          {
            name: 'team',
            expression: `has(namespaceObject.metadata.labels) && ${label} in namespaceObject.metadata.labels ? namespaceObject.metadata.labels[${label}] : ''`,
          },
          {
            name: 'tolerations',
            expression:
              'has(object.spec.tolerations) ? object.spec.tolerations : []',
          },
        ],
        validations: [
          {
            // A toleration without a key tolerates every taint, including every team's.
            expression:
              "variables.tolerations.all(t, has(t.key) && t.key != '')",
            message:
              'pods outside system namespaces may not tolerate every taint (a toleration without a key)',
            reason: 'Forbidden',
          },
          {
            expression: `variables.tolerations.all(t, !has(t.key) || t.key != ${taint} || (variables.team != '' && has(t.value) && t.value == variables.team && (!has(t.operator) || t.operator == 'Equal')))`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may only tolerate ' + ${taint} + '=' + (variables.team == '' ? '<none: the namespace is not labelled for a team>' : variables.team)`,
            reason: 'Forbidden',
          },
          {
            expression: `!has(object.spec.nodeSelector) || !(${label} in object.spec.nodeSelector) || object.spec.nodeSelector[${label}] == variables.team`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not select nodes of team ' + object.spec.nodeSelector[${label}]`,
            reason: 'Forbidden',
          },
          {
            expression: `!has(object.spec.affinity) || !has(object.spec.affinity.nodeAffinity) || !has(${required}) || ${required}.nodeSelectorTerms.all(term, !has(term.matchExpressions) || term.matchExpressions.all(e, e.key != ${label} || (e.operator == 'In' && has(e.values) && e.values.all(v, v == variables.team))))`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may only require ' + ${label} + ' In [' + variables.team + ']'`,
            reason: 'Forbidden',
          },
        ],
      },
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: TENANCY_OBJECT_NAMES.podPolicy, labels: ownership },
      spec: {
        policyName: TENANCY_OBJECT_NAMES.podPolicy,
        validationActions: ['Deny'],
        matchResources: {
          namespaceSelector: {
            matchExpressions: [
              {
                key: 'kubernetes.io/metadata.name',
                operator: 'NotIn',
                values: [...policy.systemNamespaces].sort(),
              },
            ],
          },
        },
      },
    },
  ];
}

function namespacePolicy(policy: ClusterPolicy): Manifest[] {
  const label = cel(policy.teamLabelKey);
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
        variables: [
          {
            name: 'newTeam',
            expression: `has(object.metadata.labels) && ${label} in object.metadata.labels ? object.metadata.labels[${label}] : ''`,
          },
          {
            name: 'oldTeam',
            expression: `oldObject != null && has(oldObject.metadata.labels) && ${label} in oldObject.metadata.labels ? oldObject.metadata.labels[${label}] : ''`,
          },
        ],
        validations: [
          {
            // Whoever sets this label decides which team's nodes the namespace may use.
            expression: `variables.newTeam == variables.oldTeam || request.userInfo.username == ${cel(
              policy.reconcilerUsername,
            )}`,
            message: `only the node pools reconciler may set or change the ${policy.teamLabelKey} label of a namespace; request it through the portal`,
            reason: 'Forbidden',
          },
        ],
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
 * admission refuses pods that tolerate or select a team's nodes from a namespace not labelled for
 * that team, and refuses team labels on namespaces set by anyone but the reconciler.
 */
export function renderTenancyPolicy(policy: ClusterPolicy): Manifest[] {
  return [...podPolicy(policy), ...namespacePolicy(policy)];
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

/** The toleration and node selector a team puts in its workloads to land on its pool. */
export function workloadSnippet(team: string, policy: ClusterPolicy) {
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
