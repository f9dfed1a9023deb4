import type { FieldChange } from '../diff/diffNodePools';
import { diffNodePools, nodePoolPaths } from '../diff/diffNodePools';
import type { PolicyViolation } from '../policy/evaluatePolicy';
import type { NodePoolManifest } from '../render/manifestTypes';

/** A pool's NodePool as the reconciler last observed it in its cluster. */
export interface ObservedNodePool {
  /** The object as seen (name, labels, annotations, spec); absent when the cluster had none of ours. */
  nodePool?: NodePoolManifest;
  /** When the reconciler last looked (ISO 8601). */
  observedAt: string;
}

/** NodePool names of a cluster held by objects the portal does not manage, as last observed. */
export interface ObservedNodePoolNames {
  names: string[];
  observedAt: string;
}

/** What a preview's diff compares against, and how that differs from the approved spec. */
export interface DiffBase {
  /**
   * `live`: the NodePool as the reconciler last observed it; `approved`: the approved spec as
   * rendered now (the pool was not observed yet); `none`: there is no pool yet.
   */
  source: 'live' | 'approved' | 'none';
  /** When the live object was observed (ISO 8601). */
  observedAt?: string;
  /** How old that observation was when the preview was made. */
  ageSeconds?: number;
  /**
   * Where the live object differs from the approved spec: an edit made outside the portal, or an
   * approval not applied yet. Only when a live object was observed; empty when the two agree.
   */
  drift?: FieldChange[];
  /** The same in a sentence, for the approval view. */
  summary: string;
}

/** An age in words: "40 s", "3 min", "2 h", "5 d". */
export function describeAge(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

// Replicas' clocks differ a little: an observation is never from the future.
const ageOf = (observedAt: string, now: string | undefined) =>
  now === undefined
    ? undefined
    : Math.max(
        0,
        Math.round((Date.parse(now) - Date.parse(observedAt)) / 1000),
      );

const when = (observedAt: string, age: number | undefined) =>
  age === undefined ? `at ${observedAt}` : `${describeAge(age)} ago`;

/**
 * The running object a preview diffs against, and the basis in words. The live NodePool wins
 * over the approved spec: what runs may differ from it (someone edited it, or the approval is not
 * applied yet), and what runs is what the change replaces.
 */
export function diffBaseOf(
  approved: NodePoolManifest | undefined,
  live: ObservedNodePool | undefined,
  now: string | undefined,
): { running?: NodePoolManifest; base: DiffBase } {
  if (!live) {
    return {
      running: approved,
      base: approved
        ? {
            source: 'approved',
            summary:
              'Compared with the approved spec: the reconciler has not observed this NodePool in the cluster yet.',
          }
        : { source: 'none', summary: 'There is no pool yet.' },
    };
  }
  const ageSeconds = ageOf(live.observedAt, now);
  const seen = when(live.observedAt, ageSeconds);
  const common = { source: 'live' as const, observedAt: live.observedAt };
  if (!live.nodePool) {
    return {
      running: undefined,
      base: {
        ...common,
        ...(ageSeconds === undefined ? {} : { ageSeconds }),
        summary: `Compared with the cluster as observed ${seen}: it had no NodePool of this pool, so everything is new.`,
      },
    };
  }
  // Fields only the live object has and we never set (API server defaults) are not drift.
  const drift = approved
    ? diffNodePools(live.nodePool, approved, nodePoolPaths(approved)).changes
    : [];
  return {
    running: live.nodePool,
    base: {
      ...common,
      ...(ageSeconds === undefined ? {} : { ageSeconds }),
      drift,
      summary:
        drift.length === 0
          ? `Compared with the NodePool as observed in the cluster ${seen}; it matched the approved spec.`
          : `Compared with the NodePool as observed in the cluster ${seen}; it differed from the approved spec in ${
              drift.length
            } field(s) (${drift
              .map(c => c.path)
              .join(
                ', ',
              )}): changed outside the portal, or an approval not applied yet.`,
    },
  };
}

/** The policy violation of a NodePool name already held by an object the portal does not manage. */
export function takenNameViolation(
  nodePoolName: string,
  pool: string,
  cluster: string,
  taken: ObservedNodePoolNames | undefined,
  now: string | undefined,
): PolicyViolation | undefined {
  if (!taken?.names.includes(nodePoolName)) return undefined;
  return {
    path: 'pool',
    message: `the NodePool name ${nodePoolName} is already taken on cluster ${cluster} by a NodePool that backstage-nodepools does not manage (observed ${when(
      taken.observedAt,
      ageOf(taken.observedAt, now),
    )}); it would never be applied: choose another pool name, or ask the cluster's owners to remove that NodePool`,
    asked: pool,
  };
}
