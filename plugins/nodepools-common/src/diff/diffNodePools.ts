import type { NodePoolManifest } from '../render/manifestTypes';

/** What a change does to the nodes already running in the pool. */
export type DriftImpact = 'none' | 'nodes-not-fitting' | 'all-nodes';

/** One field that differs between what runs and what is proposed. */
export interface FieldChange {
  /** Dotted path in the NodePool, e.g. `spec.limits.cpu`. */
  path: string;
  before?: unknown;
  after?: unknown;
  impact: DriftImpact;
}

/** The difference between two renderings of a pool and what it does to the pool's nodes. */
export interface NodePoolDiff {
  changes: FieldChange[];
  /** The strongest impact of any change. */
  impact: DriftImpact;
}

// Karpenter hashes these template fields; a change marks every node of the pool as drifted, and
// each is replaced. Requirements drift only the nodes that no longer satisfy them. Everything
// else (limits, weight, disruption, the NodePool's own metadata) takes effect without touching nodes.
const ALL_NODES_PREFIXES = [
  'spec.template.metadata',
  'spec.template.spec.taints',
  'spec.template.spec.startupTaints',
  'spec.template.spec.expireAfter',
  'spec.template.spec.terminationGracePeriod',
  'spec.template.spec.nodeClassRef',
];
const SOME_NODES_PREFIXES = ['spec.template.spec.requirements'];

const startsWithPath = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`);

/** The impact of changing the field at this path. */
export function impactOfPath(path: string): DriftImpact {
  if (ALL_NODES_PREFIXES.some(p => startsWithPath(path, p))) return 'all-nodes';
  if (SOME_NODES_PREFIXES.some(p => startsWithPath(path, p)))
    return 'nodes-not-fitting';
  return 'none';
}

const RANK: Record<DriftImpact, number> = {
  none: 0,
  'nodes-not-fitting': 1,
  'all-nodes': 2,
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Leaves of a JSON value by dotted path; arrays are leaves, since their items have no stable identity. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value))
      flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else if (value !== undefined) {
    out.set(prefix, value);
  }
  return out;
}

/** JSON text with object keys sorted: the API server returns keys in its own order, not ours. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    isPlainObject(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, v[k]]),
        )
      : v,
  );

const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

const leaves = (manifest: NodePoolManifest | undefined) =>
  flatten(
    manifest?.spec ? { metadata: manifest.metadata, spec: manifest.spec } : {},
    '',
    new Map(),
  );

/** The leaf paths (dotted, arrays whole) a NodePool rendering sets: the fields we own once applied. */
export function nodePoolPaths(
  manifest: NodePoolManifest | undefined,
): string[] {
  return [...leaves(manifest).keys()];
}

/**
 * Compares the running NodePool with the proposed one; either may be absent (create,
 * decommission). When `ownedPaths` is given, the running object is a live one: a field only it has
 * is a change only if it is one of those paths (a field we set, which apply removes); any other
 * (an API server default, a field another manager set) stays as it is, so it is not a change.
 */
export function diffNodePools(
  running: NodePoolManifest | undefined,
  proposed: NodePoolManifest | undefined,
  ownedPaths?: Iterable<string>,
): NodePoolDiff {
  const before = leaves(running);
  const after = leaves(proposed);
  const owned = ownedPaths ? new Set(ownedPaths) : undefined;
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    if (same(before.get(path), after.get(path))) continue;
    if (owned && !after.has(path) && !owned.has(path)) continue;
    // Creating or removing the whole pool has no "running nodes" to replace; report fields as new.
    const impact = running && proposed ? impactOfPath(path) : 'none';
    changes.push({
      path,
      before: before.get(path),
      after: after.get(path),
      impact,
    });
  }
  const impact = changes.reduce<DriftImpact>(
    (worst, c) => (RANK[c.impact] > RANK[worst] ? c.impact : worst),
    'none',
  );
  return { changes, impact };
}

/** The drift impact in words, for the approval view. */
export function describeImpact(diff: NodePoolDiff, nodeCount?: number): string {
  const nodes = nodeCount === undefined ? 'the' : `${nodeCount}`;
  switch (diff.impact) {
    case 'all-nodes':
      return nodeCount === 0
        ? 'This change would replace every node of the pool; the pool has no nodes now.'
        : `This change replaces all ${nodes} nodes of the pool (Karpenter drifts and rolls them).`;
    case 'nodes-not-fitting':
      return 'This change replaces only the nodes that no longer satisfy the new requirements.';
    default:
      return diff.changes.length === 0
        ? 'Nothing changes.'
        : 'No node is replaced by this change.';
  }
}
