/** One way a request breaks the cluster's policy. */
export interface PolicyViolation {
  /** The request field at fault, e.g. `spec.limits.cpu`. */
  path: string;
  message: string;
  /** What was asked, as the user wrote it. */
  asked?: string;
  /** What the policy allows. */
  allowed?: string;
}

/** The policy's verdict on a request. */
export interface PolicyResult {
  allowed: boolean;
  violations: PolicyViolation[];
}

/** Facts about the cluster the policy needs beyond its config. */
export interface ClusterFacts {
  /** Node classes that exist in the cluster and are Ready; when unknown, only the policy's list is checked. */
  readyNodeClasses?: string[];
}

/** Values as a sentence lists them. */
export const list = (values: readonly string[]) => values.join(', ');

/** A violation for each value asked that the policy's list does not hold, all named in one sentence. */
export function subsetViolations(
  path: string,
  asked: readonly string[] | undefined,
  allowed: readonly string[],
  what: { one: string; many: string },
): PolicyViolation[] {
  if (!asked) return [];
  const extra = asked.filter(v => !allowed.includes(v));
  return extra.length === 0
    ? []
    : [
        {
          path,
          message: `${extra.length === 1 ? what.one : what.many} ${list(
            extra,
          )} ${
            extra.length === 1 ? 'is' : 'are'
          } not allowed on this cluster, which allows ${list(allowed)}`,
          asked: list(asked),
          allowed: list(allowed),
        },
      ];
}
