import type { ClusterPolicy } from '../policy/ClusterPolicy';
import { MANAGED_BY, NODEPOOLS_LABELS } from '../model/names';
import type { Manifest } from './manifestTypes';

/** Names of the cluster-wide admission objects; one set per cluster. */
export const TENANCY_OBJECT_NAMES = {
  podPolicy: 'nodepools-tenant-isolation',
  namespacePolicy: 'nodepools-namespace-ownership',
  nodeAssignmentPolicy: 'nodepools-node-assignment',
} as const;

/** A CEL string literal; config values are validated, but quoting stays correct for any text. */
const cel = (text: string) =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const ownership = { [NODEPOOLS_LABELS.managedBy]: MANAGED_BY };

/** The label Karpenter gives every node of a NodePool: the NodePool's name. */
const NODEPOOL_NODE_LABEL = 'karpenter.sh/nodepool';

/** One managed NodePool as tenancy sees it: whose nodes it makes, and the labels they carry. */
export interface TenantPool {
  team: string;
  /** Labels every node of the pool carries: its template labels and `karpenter.sh/nodepool`. */
  nodeLabels: Record<string, string>;
}

/** The {@link TenantPool} of a NodePool we rendered or read back; undefined without a team label. */
export function tenantPoolOf(nodePool: {
  metadata: { name: string; labels?: Record<string, string> };
  spec?: unknown;
}): TenantPool | undefined {
  const team = nodePool.metadata.labels?.[NODEPOOLS_LABELS.team];
  if (!team) return undefined;
  const template = (
    nodePool.spec as
      | { template?: { metadata?: { labels?: Record<string, string> } } }
      | undefined
  )?.template;
  return {
    team,
    nodeLabels: {
      ...template?.metadata?.labels,
      [NODEPOOL_NODE_LABEL]: nodePool.metadata.name,
    },
  };
}

/**
 * `key=value` of every node label that a managed pool's nodes carry, to the teams whose nodes
 * carry it, as a CEL map literal, sorted so that equal pools render an equal policy.
 */
function identifyingLabels(pools: TenantPool[]): string {
  const teams = new Map<string, Set<string>>();
  for (const pool of pools)
    for (const [key, value] of Object.entries(pool.nodeLabels)) {
      const pair = `${key}=${value}`;
      teams.set(pair, (teams.get(pair) ?? new Set()).add(pool.team));
    }
  const entries = [...teams.keys()]
    .sort()
    .map(
      pair =>
        `${cel(pair)}: [${[...teams.get(pair)!].sort().map(cel).join(', ')}]`,
    );
  return `{${entries.join(', ')}}`;
}

/** The pod spec itself, or the template a controller makes its pods from. */
const POD_SPEC =
  "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec";

/** The team a namespace is labelled for, or '' when it is not. */
const namespaceTeam = (label: string) =>
  `has(namespaceObject.metadata.labels) && ${label} in namespaceObject.metadata.labels ? namespaceObject.metadata.labels[${label}] : ''`;

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
  const taint = cel(policy.taintKey);
  const label = cel(policy.teamLabelKey);
  const required =
    'variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
  // A pair names another team's nodes when managed pools carry it and none of them is ours.
  const foreign = (pair: string) =>
    `(${pair}) in variables.identifying && !(variables.team in variables.identifying[${pair}])`;
  const selected = "k + '=' + variables.selector[k]";
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
        variables: [
          { name: 'spec', expression: POD_SPEC },
          { name: 'team', expression: namespaceTeam(label) },
          {
            name: 'tolerations',
            expression:
              'has(variables.spec.tolerations) ? variables.spec.tolerations : []',
          },
          {
            name: 'selector',
            expression:
              'has(variables.spec.nodeSelector) ? variables.spec.nodeSelector : {}',
          },
          {
            name: 'terms',
            expression: `has(variables.spec.affinity) && has(variables.spec.affinity.nodeAffinity) && has(${required}) ? ${required}.nodeSelectorTerms : []`,
          },
          {
            // The admission policy cannot list NodePools: the reconciler renders them in.
            name: 'identifying',
            expression: identifyingLabels(pools),
          },
          {
            name: 'foreignSelectors',
            expression: `variables.selector.filter(k, ${foreign(
              selected,
            )}).map(k, ${selected})`,
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
            expression: `!(${label} in variables.selector) || variables.selector[${label}] == variables.team`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not select nodes of team ' + variables.selector[${label}]`,
            reason: 'Forbidden',
          },
          {
            expression: `variables.terms.all(term, !has(term.matchExpressions) || term.matchExpressions.all(e, e.key != ${label} || (e.operator == 'In' && has(e.values) && e.values.all(v, v == variables.team))))`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may only require ' + ${label} + ' In [' + variables.team + ']'`,
            reason: 'Forbidden',
          },
          {
            // Any other label only a team's nodes carry: their NodePool's name, its template labels.
            expression: 'variables.foreignSelectors.size() == 0',
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not select the nodes of another team (' + variables.foreignSelectors.join(', ') + ')'`,
            reason: 'Forbidden',
          },
          {
            // In names values; Exists matches every value of the key, another team's included.
            expression: `variables.terms.all(term, !has(term.matchExpressions) || term.matchExpressions.all(e, (e.operator != 'In' || !has(e.values) || e.values.all(v, !(${foreign(
              "e.key + '=' + v",
            )}))) && (e.operator != 'Exists' || variables.identifying.all(pair, !pair.startsWith(e.key + '=') || variables.team in variables.identifying[pair]))))`,
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not select the nodes of another team (by required node affinity)'`,
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
  const label = cel(policy.teamLabelKey);
  const name = TENANCY_OBJECT_NAMES.nodeAssignmentPolicy;
  const nodeTeam = `has(params.metadata.labels) && ${label} in params.metadata.labels ? params.metadata.labels[${label}] : ''`;
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
        matchConditions: [
          {
            name: 'names-a-node',
            expression: `object.kind == 'Binding' || has((${POD_SPEC}).nodeName)`,
          },
        ],
        variables: [
          {
            name: 'nodeName',
            expression: `object.kind == 'Binding' ? object.target.name : has((${POD_SPEC}).nodeName) ? (${POD_SPEC}).nodeName : ''`,
          },
          { name: 'team', expression: namespaceTeam(label) },
          { name: 'nodeTeam', expression: nodeTeam },
        ],
        validations: [
          {
            expression:
              'variables.nodeName != params.metadata.name || variables.nodeTeam == variables.team',
            messageExpression: `'namespace ' + namespaceObject.metadata.name + ' may not run pods on node ' + params.metadata.name + ' of team ' + variables.nodeTeam`,
            reason: 'Forbidden',
          },
        ],
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
