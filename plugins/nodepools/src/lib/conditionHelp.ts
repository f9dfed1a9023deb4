import type { PoolCondition } from '@nodepools/plugin-nodepools-common';

type Status = PoolCondition['status'];

/**
 * What Karpenter's NodePool conditions mean, per status, in one line for someone who has not read
 * Karpenter's documentation: a raw `NodeRegistrationHealthy: Unknown` reads like a fault when it
 * only means no node has registered yet.
 */
const HELP: Record<string, Partial<Record<Status, string>>> = {
  Ready: {
    True: 'Karpenter may launch nodes for this pool.',
    False:
      'Karpenter launches no nodes for this pool until the conditions below are True.',
    Unknown: 'Karpenter has not finished checking this pool yet.',
  },
  ValidationSucceeded: {
    True: "The NodePool passed Karpenter's own checks.",
    False: "Karpenter refused the NodePool's spec; the message says why.",
    Unknown: 'Karpenter has not checked the NodePool yet.',
  },
  NodeClassReady: {
    True: 'The node class the pool uses exists and is ready.',
    False:
      'The node class the pool uses is missing or not ready, so no node can launch.',
    Unknown: 'Karpenter has not read the node class yet.',
  },
  NodeRegistrationHealthy: {
    True: 'Nodes launched for this pool joined the cluster.',
    False:
      'Nodes launched for this pool did not join the cluster: check the node class (image, subnets, security groups).',
    Unknown:
      'No node of this pool has joined the cluster yet (normal until the first node is needed); Karpenter sets this after it launches one.',
  },
};

/** One line on what the condition says, or undefined for a condition Karpenter added later. */
export function conditionHelp(condition: PoolCondition): string | undefined {
  return HELP[condition.type]?.[condition.status];
}
