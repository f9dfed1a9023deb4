import type { Config } from '@backstage/config';
import {
  clusterPolicySchema,
  isDnsLabel,
  validateWith,
  type ClusterPolicy,
} from '@nodepools/plugin-nodepools-common';

/** A cluster the suite manages, as configured. */
export interface ClusterConfig {
  name: string;
  title: string;
  description?: string;
  url?: string;
  caData?: string;
  auth?: { type: 'serviceAccount'; token: string };
  policy: ClusterPolicy;
}

/** The suite's configuration, defaults applied. */
export interface NodePoolsConfig {
  /** The catalog Group that owns the clusters (and approves, unless a cluster says otherwise). */
  platformOwner: string;
  clusters: ClusterConfig[];
}

/**
 * Reads the `nodepools` section. A bad value fails start-up with a message naming the key, so a
 * typo in a limit is found at deploy time, not at the first request.
 */
export function readNodePoolsConfig(config: Config): NodePoolsConfig {
  const entries = config.getOptionalConfigArray('nodepools.clusters') ?? [];
  const seen = new Set<string>();
  const clusters = entries.map((entry, index) => {
    const key = `nodepools.clusters[${index}]`;
    const name = entry.getString('name');
    if (!isDnsLabel(name)) {
      throw new Error(
        `Invalid configuration at ${key}.name: "${name}" must be a DNS label (lower-case letters, digits, '-')`,
      );
    }
    if (seen.has(name))
      throw new Error(
        `Invalid configuration at ${key}.name: cluster "${name}" is configured twice`,
      );
    seen.add(name);
    const policy = validateWith(
      clusterPolicySchema,
      entry.getOptional('policy') ?? {},
    );
    if (!policy.ok) {
      const first = policy.errors[0];
      throw new Error(
        `Invalid configuration at ${key}.policy.${first.path}: ${first.message}`,
      );
    }
    const authType = entry.getOptionalString('auth.type');
    if (authType !== undefined && authType !== 'serviceAccount') {
      throw new Error(
        `Invalid configuration at ${key}.auth.type: "${authType}" is not supported (use serviceAccount)`,
      );
    }
    return {
      name,
      title: entry.getOptionalString('title') ?? name,
      description: entry.getOptionalString('description'),
      url: entry.getOptionalString('url'),
      caData: entry.getOptionalString('caData'),
      auth: authType
        ? {
            type: 'serviceAccount' as const,
            token: entry.getString('auth.token'),
          }
        : undefined,
      policy: policy.value,
    };
  });
  const platformOwner =
    config.getOptionalString('nodepools.platformOwner') ??
    'group:default/platform';
  return { platformOwner, clusters };
}
