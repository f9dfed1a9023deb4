/** One allowed node class as the picker offers it. */
export interface NodeClassChoice {
  name: string;
  /** Why it cannot be chosen: the backend saw it missing or not Ready on the cluster. */
  unusable?: string;
  /** What else the backend warns about it (an unpinned AMI alias, say). */
  notes: string[];
}

/**
 * What the backend's preview warnings say about one node class (`GET /clusters` carries them per
 * class, in the words of the backend's `nodeClassWarnings`: "node class X does not exist on
 * cluster Y: …", "node class X is not Ready (…): …"). No warnings (`[]`, or undefined before the
 * reconciler's first pass) means nothing is known against it.
 */
export function nodeClassChoice(
  name: string,
  warnings: string[] | undefined,
): NodeClassChoice {
  const about = (warnings ?? []).filter(w =>
    w.startsWith(`node class ${name} `),
  );
  const blocking = about.find(
    w =>
      w.startsWith(`node class ${name} does not exist`) ||
      w.startsWith(`node class ${name} is not Ready`),
  );
  return {
    name,
    ...(blocking ? { unusable: blocking } : {}),
    notes: about.filter(w => w !== blocking),
  };
}
