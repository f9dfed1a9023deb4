import type { Config } from '@backstage/config';
import {
  clusterPolicySchema,
  isDnsLabel,
  validateWith,
  type ClusterPolicy,
} from '@nodepools/plugin-nodepools-common';
import { readPricingConfig, type PricingConfig } from './readPricingConfig';

/** A cluster the suite manages, as configured. */
export interface ClusterConfig {
  name: string;
  title: string;
  description?: string;
  url?: string;
  caData?: string;
  auth?: ClusterAuthConfig;
  policy: ClusterPolicy;
  /** Where instance prices come from; without it cost estimates use the policy's fixed rates. */
  pricing?: PricingConfig;
}

/**
 * How the reconciler authenticates: a service account's token, or AWS IAM on EKS (the backend's
 * AWS credentials, optionally assuming a role; the IAM identity is mapped to the reconciler's
 * ServiceAccount or group in the cluster's access entries).
 */
export type ClusterAuthConfig =
  | { type: 'serviceAccount'; token: string }
  | {
      type: 'aws';
      /** The EKS cluster name the token is for; defaults to the cluster's `name`. */
      clusterId?: string;
      assumeRole?: string;
      externalId?: string;
      accountId?: string;
    };

const AUTH_TYPES = ['serviceAccount', 'aws'];

/** The suite's configuration, defaults applied. */
export interface NodePoolsConfig {
  /** The catalog Group that owns the clusters (and approves, unless a cluster says otherwise). */
  platformOwner: string;
  /** Seconds between periodic reconciles of a cluster (approvals and watch events don't wait). */
  reconcileIntervalSeconds?: number;
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
    return {
      name,
      title: entry.getOptionalString('title') ?? name,
      description: entry.getOptionalString('description'),
      url: entry.getOptionalString('url'),
      caData: entry.getOptionalString('caData'),
      auth: readAuth(entry, key),
      policy: policy.value,
      pricing: readPricingConfig(entry, key),
    };
  });
  const platformOwner =
    config.getOptionalString('nodepools.platformOwner') ??
    'group:default/platform';
  const reconcileIntervalSeconds =
    config.getOptionalNumber('nodepools.reconcileIntervalSeconds') ?? 30;
  if (
    !Number.isInteger(reconcileIntervalSeconds) ||
    reconcileIntervalSeconds < 5 ||
    reconcileIntervalSeconds > 3600
  )
    throw new Error(
      `Invalid configuration at nodepools.reconcileIntervalSeconds: ${reconcileIntervalSeconds} must be a whole number of seconds from 5 to 3600`,
    );
  return { platformOwner, reconcileIntervalSeconds, clusters };
}

function readAuth(entry: Config, key: string): ClusterAuthConfig | undefined {
  const type = entry.getOptionalString('auth.type');
  if (type === undefined) return undefined;
  if (!AUTH_TYPES.includes(type))
    throw new Error(
      `Invalid configuration at ${key}.auth.type: "${type}" is not supported (use ${AUTH_TYPES.join(
        ' or ',
      )})`,
    );
  if (type === 'serviceAccount')
    return { type, token: entry.getString('auth.token') };
  const optional = (name: string) => entry.getOptionalString(`auth.${name}`);
  const role = optional('assumeRole');
  if (role !== undefined && !/^arn:aws[\w-]*:iam::\d{12}:role\/.+/.test(role))
    throw new Error(
      `Invalid configuration at ${key}.auth.assumeRole: "${role}" is not an IAM role ARN (arn:aws:iam::<account>:role/<name>)`,
    );
  return {
    type: 'aws',
    clusterId: optional('clusterId'),
    assumeRole: role,
    externalId: optional('externalId'),
    accountId: optional('accountId'),
  };
}
