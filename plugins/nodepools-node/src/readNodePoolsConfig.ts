import type { Config } from '@backstage/config';
import {
  clusterPolicySchema,
  type DollarBudget,
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
  /** How approved pools reach the cluster; absent means `apply` (the reconciler writes them). */
  delivery?: GitDeliveryConfig;
  /** Where instance prices come from; without it cost estimates use the policy's fixed rates. */
  pricing?: PricingConfig;
}

/**
 * `delivery: git`: approved pools become files in a repository that the cluster's GitOps
 * controller (Argo CD, Flux) applies; the reconciler only reads the cluster. Credentials are the
 * backend's `integrations` config for the repository's host, as the scaffolder's publish actions use.
 */
export interface GitDeliveryConfig {
  type: 'git';
  /** The repository's web URL, e.g. `https://github.com/acme/clusters`. */
  repository: string;
  /** The branch the GitOps controller syncs from; default `main`. */
  branch: string;
  /** Where a pool's file goes, with `{cluster}`, `{team}` and `{pool}` replaced. */
  path: string;
  /** Where the cluster's admission policies go, with `{cluster}` replaced. */
  tenancyPath: string;
  /** `pull-request` (default): a branch and a pull request per approval; `push`: commit to `branch`. */
  mode: 'pull-request' | 'push';
}

const DELIVERY_TYPES = ['apply', 'git'];
const DELIVERY_MODES = ['pull-request', 'push'];
const DEFAULT_POOL_PATH = 'clusters/{cluster}/nodepools/{team}.{pool}.yaml';
const DEFAULT_TENANCY_PATH = 'clusters/{cluster}/nodepools/tenancy.yaml';

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
  /** Seconds between checks of grant lifetimes (warnings and expiry); default 60. */
  grantExpiryIntervalSeconds?: number;
  clusters: ClusterConfig[];
  /** Monthly budgets in money per team across clusters; absent or empty means none. */
  teamBudgets?: DollarBudget[];
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
      delivery: readDelivery(entry, key),
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
  const grantExpiryIntervalSeconds =
    config.getOptionalNumber('nodepools.grantExpiryIntervalSeconds') ?? 60;
  if (
    !Number.isInteger(grantExpiryIntervalSeconds) ||
    grantExpiryIntervalSeconds < 5 ||
    grantExpiryIntervalSeconds > 3600
  )
    throw new Error(
      `Invalid configuration at nodepools.grantExpiryIntervalSeconds: ${grantExpiryIntervalSeconds} must be a whole number of seconds from 5 to 3600`,
    );
  const teamBudgets = readTeamBudgets(config);
  return {
    platformOwner,
    reconcileIntervalSeconds,
    grantExpiryIntervalSeconds,
    clusters,
    ...(teamBudgets.length > 0 ? { teamBudgets } : {}),
  };
}

/** `nodepools.teamBudgets`: one per team, a positive amount, a three-letter currency. */
function readTeamBudgets(config: Config): DollarBudget[] {
  const entries = config.getOptionalConfigArray('nodepools.teamBudgets') ?? [];
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const key = `nodepools.teamBudgets[${index}]`;
    const team = entry.getString('team');
    if (seen.has(team))
      throw new Error(
        `Invalid configuration at ${key}.team: team "${team}" has two budgets`,
      );
    seen.add(team);
    const monthly = entry.getNumber('monthly');
    if (!(monthly > 0))
      throw new Error(
        `Invalid configuration at ${key}.monthly: ${monthly} must be a positive amount a month`,
      );
    const currency = entry.getOptionalString('currency') ?? 'USD';
    if (!/^[A-Z]{3}$/.test(currency))
      throw new Error(
        `Invalid configuration at ${key}.currency: "${currency}" must be a three-letter currency code such as USD`,
      );
    return { team, monthly, currency };
  });
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

function readDelivery(
  entry: Config,
  key: string,
): GitDeliveryConfig | undefined {
  const type = entry.getOptionalString('delivery.type') ?? 'apply';
  if (!DELIVERY_TYPES.includes(type))
    throw new Error(
      `Invalid configuration at ${key}.delivery.type: "${type}" is not supported (use apply or git)`,
    );
  if (type === 'apply') return undefined;
  const repository = entry.getString('delivery.repository');
  let url: URL;
  try {
    url = new URL(repository);
  } catch {
    throw new Error(
      `Invalid configuration at ${key}.delivery.repository: "${repository}" is not a URL`,
    );
  }
  // owner/name: what the forge's API and the credentials are looked up by.
  if (url.pathname.split('/').filter(Boolean).length !== 2)
    throw new Error(
      `Invalid configuration at ${key}.delivery.repository: "${repository}" must be https://<host>/<owner>/<name>`,
    );
  const mode = entry.getOptionalString('delivery.mode') ?? 'pull-request';
  if (!DELIVERY_MODES.includes(mode))
    throw new Error(
      `Invalid configuration at ${key}.delivery.mode: "${mode}" is not supported (use pull-request or push)`,
    );
  const path = entry.getOptionalString('delivery.path') ?? DEFAULT_POOL_PATH;
  // Without both, two pools of one cluster would share a file.
  if (!path.includes('{team}') || !path.includes('{pool}'))
    throw new Error(
      `Invalid configuration at ${key}.delivery.path: "${path}" must contain {team} and {pool}`,
    );
  return {
    type: 'git',
    repository: repository.replace(/\/+$/, '').replace(/\.git$/, ''),
    branch: entry.getOptionalString('delivery.branch') ?? 'main',
    path,
    tenancyPath:
      entry.getOptionalString('delivery.tenancyPath') ?? DEFAULT_TENANCY_PATH,
    mode: mode as GitDeliveryConfig['mode'],
  };
}
