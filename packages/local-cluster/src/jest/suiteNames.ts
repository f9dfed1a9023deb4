import crypto from 'node:crypto';

/** Names that keep one suite's objects apart from every other suite's on a shared API server. */
export interface SuiteNames {
  /** Short random DNS-label prefix, e.g. `s3f9a1c`. */
  prefix: string;
  /** `<prefix>-<base>`: use for cluster-scoped objects (NodePools, policies, namespaces). */
  name(base: string): string;
  /** Label carried by objects of this suite, for selection and cleanup. */
  labels: Record<string, string>;
}

/** The label key marking which suite created an object. */
export const SUITE_LABEL = 'nodepools.test/suite';

/**
 * Fresh names for one suite. Random rather than derived from the file name, so re-runs in watch
 * mode against the same control plane never collide with objects a previous run left.
 */
export function suiteNames(): SuiteNames {
  const prefix = `s${crypto.randomBytes(3).toString('hex')}`;
  return {
    prefix,
    name: base => {
      const name = `${prefix}-${base}`;
      if (name.length > 63)
        throw new Error(`Name ${name} is longer than 63 characters`);
      return name;
    },
    labels: { [SUITE_LABEL]: prefix },
  };
}
