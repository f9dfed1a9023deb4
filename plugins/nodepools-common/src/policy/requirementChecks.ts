import type { PoolSpec } from '../model/PoolSpec';
import type { ClusterPolicy } from './ClusterPolicy';
import {
  selectsOnInstanceLabels,
  unhonouredRequirementViolations,
} from './nodeClassCapabilities';
import {
  list,
  subsetViolations,
  type ClusterFacts,
  type PolicyViolation,
} from './policyViolation';

/** Architectures and capacity types against the lists the cluster offers. */
export function offeredValueViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
): PolicyViolation[] {
  const r = spec.requirements;
  return [
    ...subsetViolations(
      'spec.requirements.architectures',
      r.architectures,
      policy.architectures,
      { one: 'Architecture', many: 'Architectures' },
    ),
    ...subsetViolations(
      'spec.requirements.capacityTypes',
      r.capacityTypes,
      policy.capacityTypes,
      { one: 'Capacity type', many: 'Capacity types' },
    ),
  ];
}

/** Instance categories and generation: what the node class can select on and the cluster allows. */
export function instanceViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
): PolicyViolation[] {
  const r = spec.requirements;
  const out: PolicyViolation[] = [];
  if (!selectsOnInstanceLabels(policy)) {
    // The node class cannot select on instance labels (kwok): say so for each one asked, rather
    // than render a NodePool without it.
    out.push(...unhonouredRequirementViolations(spec, policy));
  } else if (r.instanceCategories && policy.instanceCategories.length === 0) {
    // `[]` says the platform offers no categories on this cluster: a request naming some asks
    // for something it does not allow.
    out.push({
      path: 'spec.requirements.instanceCategories',
      message:
        'Instance categories are not offered on this cluster: leave them out',
      asked: list(r.instanceCategories),
      allowed: 'none',
    });
  } else {
    out.push(
      ...subsetViolations(
        'spec.requirements.instanceCategories',
        r.instanceCategories,
        policy.instanceCategories,
        { one: 'Instance category', many: 'Instance categories' },
      ),
    );
  }
  if (
    policy.minInstanceGeneration !== undefined &&
    r.minInstanceGeneration !== undefined &&
    r.minInstanceGeneration < policy.minInstanceGeneration
  ) {
    out.push({
      path: 'spec.requirements.minInstanceGeneration',
      message: `Instance generation ${r.minInstanceGeneration} is older than this cluster allows: choose ${policy.minInstanceGeneration} or newer`,
      asked: String(r.minInstanceGeneration),
      allowed: `${policy.minInstanceGeneration} or newer`,
    });
  }
  return out;
}

/** The node class: offered by the policy and, when the cluster says, existing and Ready. */
export function nodeClassViolations(
  spec: PoolSpec,
  policy: ClusterPolicy,
  facts: ClusterFacts,
): PolicyViolation[] {
  if (!policy.nodeClasses.includes(spec.nodeClass)) {
    return [
      {
        path: 'spec.nodeClass',
        message: `Node class ${
          spec.nodeClass
        } is not offered on this cluster, which offers ${list(
          policy.nodeClasses,
        )}`,
        asked: spec.nodeClass,
        allowed: list(policy.nodeClasses),
      },
    ];
  }
  if (
    facts.readyNodeClasses &&
    !facts.readyNodeClasses.includes(spec.nodeClass)
  ) {
    return [
      {
        path: 'spec.nodeClass',
        message: `Node class ${spec.nodeClass} does not exist in the cluster or is not Ready`,
        asked: spec.nodeClass,
        allowed: list(facts.readyNodeClasses),
      },
    ];
  }
  return [];
}
