import type { NodePoolsApi } from '../../api/NodePoolsApi';
import { nodeClassChoice, type NodeClassChoice } from './nodeClassChoice';
import { nodeClassProbe } from './nodeClassProbe';

/** The node classes offered on the form's cluster, or why none can be offered. */
export interface NodeClassChoices {
  /** The cluster's name, when the form has one the backend knows. */
  cluster?: string;
  choices: NodeClassChoice[];
}

/**
 * The node classes the form's cluster allows (its policy, from `GET /clusters`), each with what
 * the backend knows of it (one dry run per class: a cluster allows a handful). A class whose dry
 * run fails is offered without remarks, since nothing is known against it.
 */
export async function loadNodeClassChoices(
  api: Pick<NodePoolsApi, 'listClusters' | 'previewRequest'>,
  form: Record<string, unknown> | undefined,
  kind: 'create' | 'update',
): Promise<NodeClassChoices> {
  const clusters = await api.listClusters();
  const cluster = clusters.find(c => c.name === form?.cluster);
  if (!cluster) return { choices: [] };
  const choices = await Promise.all(
    cluster.policy.nodeClasses.map(async name => {
      const probe = nodeClassProbe(form, kind, name);
      const warnings = probe
        ? await api.previewRequest(probe).then(
            result => result.warnings,
            () => undefined,
          )
        : undefined;
      return nodeClassChoice(name, warnings);
    }),
  );
  return { cluster: cluster.name, choices };
}
