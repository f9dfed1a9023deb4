import {
  nodeClassWarnings,
  type ClusterNodeClass,
} from '@nodepools/plugin-nodepools-common';

/** One allowed node class as the picker offers it. */
export interface NodeClassChoice {
  name: string;
  /** Why it cannot be chosen: the backend saw it missing or not Ready on the cluster. */
  unusable?: string;
  /** What else the backend warns about it (an unpinned AMI alias, say). */
  notes: string[];
}

/**
 * One node class as `GET /clusters` reports it: whether it can be chosen follows from the facts
 * the reconciler observed (`exists`, `ready`), said in the core's words for them; the backend's
 * other warnings about it stay as notes. Unobserved (undefined, before the reconciler's first
 * pass) means nothing is known against it.
 */
export function nodeClassChoice(
  cluster: string,
  name: string,
  observed: ClusterNodeClass | undefined,
): NodeClassChoice {
  if (!observed) return { name, notes: [] };
  const blocked = !observed.exists || observed.ready !== 'True';
  // Without the AMI facts, the core's only warning about the class is the blocking one.
  const blocking = blocked
    ? nodeClassWarnings(cluster, name, [{ ...observed, amiAliases: [] }])[0]
    : undefined;
  return {
    name,
    ...(blocking ? { unusable: blocking } : {}),
    notes: observed.warnings.filter(w => w !== blocking),
  };
}
