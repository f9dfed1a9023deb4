import type { ClusterPolicy } from '../policy/ClusterPolicy';
import type { TenantPool } from './tenantPools';

/** A CEL string literal; config values are validated, but quoting stays correct for any text. */
const cel = (text: string) =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The pod spec itself, or the template a controller makes its pods from. */
const POD_SPEC =
  "object.kind == 'Pod' ? object.spec : object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec";

/** The team a namespace is labelled for, or '' when it is not. */
const namespaceTeam = (label: string) =>
  `has(namespaceObject.metadata.labels) && ${label} in namespaceObject.metadata.labels ? namespaceObject.metadata.labels[${label}] : ''`;

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

/** The pod policy's CEL: a pod may tolerate and select only its own namespace's team's nodes. */
export function podPolicyRules(policy: ClusterPolicy, pools: TenantPool[]) {
  const taint = cel(policy.taintKey);
  const label = cel(policy.teamLabelKey);
  const required =
    'variables.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';
  // A pair names another team's nodes when managed pools carry it and none of them is ours.
  const foreign = (pair: string) =>
    `(${pair}) in variables.identifying && !(variables.team in variables.identifying[${pair}])`;
  const selected = "k + '=' + variables.selector[k]";
  return {
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
        expression: "variables.tolerations.all(t, has(t.key) && t.key != '')",
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
  };
}

/** The node-assignment policy's CEL: a pod may name only a node of its own namespace's team. */
export function nodeAssignmentRules(policy: ClusterPolicy) {
  const label = cel(policy.teamLabelKey);
  const nodeTeam = `has(params.metadata.labels) && ${label} in params.metadata.labels ? params.metadata.labels[${label}] : ''`;
  return {
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
  };
}

/** The namespace policy's CEL: only the reconciler sets or changes a namespace's team label. */
export function namespaceOwnershipRules(policy: ClusterPolicy) {
  const label = cel(policy.teamLabelKey);
  return {
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
  };
}
