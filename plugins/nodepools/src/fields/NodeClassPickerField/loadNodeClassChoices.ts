import type { NodePoolsApi } from '../../api/NodePoolsApi';
import { nodeClassChoice, type NodeClassChoice } from './nodeClassChoice';

/** The node classes offered on the form's cluster, or why none can be offered. */
export interface NodeClassChoices {
  /** The cluster's name, when the form has one the backend knows. */
  cluster?: string;
  choices: NodeClassChoice[];
}

/**
 * The node classes the form's cluster allows (its policy, from `GET /clusters`), each with the
 * warnings the backend's preview gives for it, which the same answer carries from the
 * reconciler's last pass. Before a first pass nothing is known against any class.
 */
export async function loadNodeClassChoices(
  api: Pick<NodePoolsApi, 'listClusters'>,
  form: Record<string, unknown> | undefined,
): Promise<NodeClassChoices> {
  const clusters = await api.listClusters();
  const cluster = clusters.find(c => c.name === form?.cluster);
  if (!cluster) return { choices: [] };
  const known = new Map((cluster.nodeClasses ?? []).map(c => [c.name, c]));
  return {
    cluster: cluster.name,
    choices: cluster.policy.nodeClasses.map(name =>
      nodeClassChoice(cluster.name, name, known.get(name)),
    ),
  };
}
