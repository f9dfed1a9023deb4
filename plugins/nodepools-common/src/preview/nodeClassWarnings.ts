/**
 * What the reconciler last observed of one node class the cluster policy allows: the facts the
 * preview's warnings are drawn from (the reconciler reads them; the rule lives here, with no I/O).
 */
export interface NodeClassInfo {
  name: string;
  /** False when the cluster has no node class of that name. */
  exists: boolean;
  /** `spec.amiSelectorTerms[].alias` (EC2NodeClass), e.g. `al2023@v20260415`; none for other kinds. */
  amiAliases: string[];
  /** The Ready condition's status (`True`, `False`, `Unknown`), or undefined when it has none. */
  ready?: string;
  /** The Ready condition's message (or reason), when it is not True. */
  readyMessage?: string;
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
