import { ClusterApiError } from './ClusterErrors';
import type { ReconcileContext } from './ReconcileContext';

/** What the preview needs to know about one EC2NodeClass the cluster policy allows. */
export interface NodeClassInfo {
  name: string;
  /** False when the cluster has no EC2NodeClass of that name. */
  exists: boolean;
  /** `spec.amiSelectorTerms[].alias`, e.g. `al2023@v20260415` or `al2023@latest`. */
  amiAliases: string[];
  /** The Ready condition's status (`True`, `False`, `Unknown`), or undefined when it has none. */
  ready?: string;
  /** The Ready condition's message (or reason), when it is not True. */
  readyMessage?: string;
}

interface Ec2NodeClassObject {
  spec?: { amiSelectorTerms?: Array<{ alias?: unknown }> };
  status?: {
    conditions?: Array<{
      type?: unknown;
      status?: unknown;
      message?: unknown;
      reason?: unknown;
    }>;
  };
}

/**
 * Reads each EC2NodeClass the cluster policy allows (by name: the reconciler's role may get them,
 * nothing more). Only informational, so a refusal is logged and leaves that class out rather than
 * failing the pass; an unreachable cluster still throws like any other step.
 */
export async function observeNodeClasses(
  ctx: ReconcileContext,
): Promise<NodeClassInfo[]> {
  const out: NodeClassInfo[] = [];
  for (const name of ctx.cluster.policy.nodeClasses) {
    let object: Ec2NodeClassObject | undefined;
    try {
      object = (await ctx.client.get({
        apiVersion: 'karpenter.k8s.aws/v1',
        kind: 'EC2NodeClass',
        metadata: { name },
      })) as Ec2NodeClassObject | undefined;
    } catch (error) {
      if (!(error instanceof ClusterApiError)) throw error;
      ctx.logger.warn(`Could not read EC2NodeClass ${name}: ${error.message}`);
      continue;
    }
    if (!object) {
      out.push({ name, exists: false, amiAliases: [] });
      continue;
    }
    const amiAliases = (object.spec?.amiSelectorTerms ?? [])
      .map(term => term?.alias)
      .filter((alias): alias is string => typeof alias === 'string');
    const ready = (object.status?.conditions ?? []).find(
      c => c?.type === 'Ready',
    );
    const readyStatus =
      typeof ready?.status === 'string' ? ready.status : undefined;
    const readyMessage = [ready?.message, ready?.reason].find(
      (m): m is string => typeof m === 'string' && m !== '',
    );
    out.push({
      name,
      exists: true,
      amiAliases,
      ...(readyStatus ? { ready: readyStatus } : {}),
      ...(readyStatus !== 'True' && readyMessage ? { readyMessage } : {}),
    });
  }
  return out;
}

/** The preview's warnings about the node class a request uses, from what the reconciler saw. */
export function nodeClassWarnings(
  cluster: string,
  nodeClass: string,
  known: NodeClassInfo[] | undefined,
): string[] {
  const info = known?.find(c => c.name === nodeClass);
  // Not observed (yet): no pass since the start, or the cluster is policy only. Nothing to say.
  if (!info) return [];
  if (!info.exists)
    return [
      `node class ${nodeClass} does not exist on cluster ${cluster}: the pool cannot launch nodes until it is created`,
    ];
  const warnings = info.amiAliases
    .filter(alias => alias.endsWith('@latest'))
    .map(
      alias =>
        `node class ${nodeClass} uses an unpinned AMI alias (${alias}): every node is replaced when AWS publishes a new image`,
    );
  if (info.ready !== 'True') {
    let why = ' (no Ready condition yet)';
    if (info.readyMessage) why = ` (${info.readyMessage})`;
    else if (info.ready) why = ` (Ready is ${info.ready})`;
    warnings.push(
      `node class ${nodeClass} is not Ready${why}: nodes of this pool may fail to launch`,
    );
  }
  return warnings;
}
