// One file of ~400 lines on purpose: Backstage reads one config schema file per package (the
// `configSchema` entry of package.json), so the whole `nodepools` section is declared here.
//
// The `nodepools` section of app-config, as `backstage-cli config:check` validates it. The zod
// schema in @nodepools/plugin-nodepools-common (clusterPolicySchema) stays the authority at start
// (it also checks quantities and cross-field rules); configSchema.test.ts keeps the two in step.
//
// Backstage's TypeScript schemas accept unknown keys, so every object lists its keys again in
// `@propertyNames`: a typo such as `maxPoolLimit` is then an error, not a silently ignored key.

/**
 * A Kubernetes quantity, e.g. `'64'`, `'500m'`, `'256Gi'`. Quote it in YAML.
 */
type QuantityString = string;

/**
 * @propertyNames {"enum": ["type", "token"]}
 */
interface ServiceAccountAuthConfig {
  /** Authenticate with a ServiceAccount token. */
  type: 'serviceAccount';
  /**
   * A token of the reconciler's ServiceAccount (see the backend package's
   * `deploy/nodepools-reconciler.yaml`).
   * @visibility secret
   */
  token: string;
}

/**
 * @propertyNames {"enum": ["type", "clusterId", "assumeRole", "externalId", "accountId"]}
 */
interface AwsAuthConfig {
  /**
   * AWS IAM on EKS, with the backend's AWS credentials (the `aws` integration config or the
   * default provider chain). Map the IAM identity to the reconciler in the cluster's access entries.
   */
  type: 'aws';
  /** The EKS cluster name the token is for; defaults to the cluster's `name`. */
  clusterId?: string;
  /**
   * An IAM role to assume first (`arn:aws:iam::<account>:role/<name>`).
   * @pattern ^arn:aws[\w-]*:iam::\d{12}:role/.+
   */
  assumeRole?: string;
  /** The external ID the role's trust policy asks for. */
  externalId?: string;
  /** Pick the credentials of this account from the `aws` integration config. */
  accountId?: string;
}

/**
 * @propertyNames {"enum": ["cpu", "memory", "gpu"]}
 */
interface LimitsCeilingConfig {
  /**
   * CPU cores, e.g. `'64'`.
   * @pattern ^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$
   */
  cpu: QuantityString;
  /**
   * Memory, e.g. `'256Gi'`.
   * @pattern ^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$
   */
  memory: QuantityString;
  /**
   * GPUs (`nvidia.com/gpu`); default `'0'`, which allows none.
   * @pattern ^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$
   */
  gpu?: QuantityString;
}

/**
 * @propertyNames {"enum": ["cpu", "memory"]}
 */
interface PoolLimitsFloorConfig {
  /**
   * CPU cores, e.g. `'1'`.
   * @pattern ^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$
   */
  cpu: QuantityString;
  /**
   * Memory, e.g. `'1Gi'`.
   * @pattern ^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$
   */
  memory: QuantityString;
}

/**
 * @propertyNames {"enum": ["cpuCoreHour", "memoryGiBHour", "gpuHour"]}
 */
interface CapacityPriceConfig {
  /**
   * Price of one CPU core for an hour.
   * @minimum 0
   */
  cpuCoreHour: number;
  /**
   * Price of one GiB of memory for an hour.
   * @minimum 0
   */
  memoryGiBHour: number;
  /**
   * Price of one GPU for an hour; default 0.
   * @minimum 0
   */
  gpuHour?: number;
}

/**
 * @propertyNames {"enum": ["nodes", "schedule", "duration", "reasons"]}
 */
interface DisruptionBudgetConfig {
  /**
   * How many nodes may be disrupted at once: a count (`'5'`) or a percentage (`'10%'`).
   * @pattern ^((100|[0-9]{1,2})%|[0-9]+)$
   */
  nodes: string;
  /** A cron schedule (`'0 9 * * mon-fri'`, `'@daily'`) for the window; set with `duration`. */
  schedule?: string;
  /**
   * How long the window lasts, in hours and minutes (`'8h'`, `'1h30m'`); set with `schedule`.
   * @pattern ^((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)$
   */
  duration?: string;
  /** The disruption reasons the budget limits; all of them when omitted. */
  reasons?: Array<'Underutilized' | 'Empty' | 'Drifted'>;
}

/**
 * @propertyNames {"enum": ["operatingSystem", "consolidationPolicy", "consolidateAfter", "expireAfter", "terminationGracePeriod", "budgets", "excludedInstanceSizes", "weight"]}
 */
interface PoolDefaultsConfig {
  /** `kubernetes.io/os` of every pool; default `linux`. */
  operatingSystem?: 'linux' | 'windows';
  /** Consolidation policy when a request sets none; default `WhenEmptyOrUnderutilized`. */
  consolidationPolicy?: 'WhenEmpty' | 'WhenEmptyOrUnderutilized' | 'Balanced';
  /**
   * How long a node stays empty or underused before consolidation, when a request sets nothing;
   * a duration or `Never`; default `30s`.
   * @pattern ^(([0-9]+(s|m|h))+|Never)$
   */
  consolidateAfter?: string;
  /**
   * Node lifetime when a request sets none; a duration or `Never`; default `720h` (30 days).
   * @pattern ^(([0-9]+(s|m|h))+|Never)$
   */
  expireAfter?: string;
  /**
   * How long Karpenter waits for pods to leave a node before forcing it; unset by default.
   * @pattern ^([0-9]+(s|m|h))+$
   */
  terminationGracePeriod?: string;
  /** Disruption budgets when a request sets none; unset by default (Karpenter's own: 10%). */
  budgets?: DisruptionBudgetConfig[];
  /** Instance sizes every pool excludes (`karpenter.k8s.aws/instance-size`), e.g. `[nano, metal]`; default none. */
  excludedInstanceSizes?: string[];
  /**
   * NodePool weight (1-100) for every pool; unset by default.
   * @asType integer
   * @minimum 1
   * @maximum 100
   */
  weight?: number;
}

/**
 * @propertyNames {"enum": ["currency", "hoursPerMonth", "on-demand", "spot", "reserved"]}
 */
interface PriceTableConfig {
  /**
   * Currency the prices are in; default `USD`.
   * @minLength 1
   */
  currency?: string;
  /**
   * Hours in a month for monthly figures; default 730.
   * @exclusiveMinimum 0
   */
  hoursPerMonth?: number;
  /** On-demand prices; default 0.0425 per core-hour, 0.0057 per GiB-hour, 0.9 per GPU-hour. */
  'on-demand'?: CapacityPriceConfig;
  /** Spot prices; default 0.0155, 0.0021, 0.35. */
  spot?: CapacityPriceConfig;
  /** Reserved prices; default 0.027, 0.0036, 0.6. */
  reserved?: CapacityPriceConfig;
}

/**
 * @propertyNames {"enum": ["group", "kind"]}
 */
interface NodeClassKindConfig {
  /**
   * API group of the node class, e.g. `karpenter.k8s.aws`.
   * @minLength 1
   */
  group: string;
  /**
   * Kind of the node class, e.g. `EC2NodeClass`.
   * @minLength 1
   */
  kind: string;
}

/**
 * How long grants last on a cluster. Lifetimes are a number of days, hours or minutes (`30d`).
 * @propertyNames {"enum": ["default", "max", "required", "warnBefore", "onExpiry"]}
 */
interface LifetimePolicyConfig {
  /**
   * Lifetime of a new pool whose request names none; unset by default (such grants never expire).
   * @pattern ^[1-9][0-9]{0,5}(m|h|d)$
   */
  default?: string;
  /**
   * The longest lifetime a request or an Extend may ask for; unset by default (no maximum).
   * @pattern ^[1-9][0-9]{0,5}(m|h|d)$
   */
  max?: string;
  /** Whether a new pool must have a lifetime (its own or the default); default false. */
  required?: boolean;
  /** How long before expiry the requester and the team are warned, once each; default `[7d, 1d]`. */
  warnBefore?: string[];
  /**
   * What happens when a grant runs out: `decommission` (default; the pool is removed, its
   * history kept) or `notify` (the team is told and the pool stays).
   */
  onExpiry?: 'decommission' | 'notify';
}

/**
 * What the platform allows on one cluster. Every key is optional and has a default.
 * @propertyNames {"enum": ["nodeClassRef", "nodeClasses", "architectures", "capacityTypes", "instanceCategories", "minInstanceGeneration", "restrictedLabelDomains", "taintKey", "teamLabelKey", "systemNamespaces", "reconcilerUsername", "defaults", "allowNeverExpire", "maxPoolLimits", "minPoolLimits", "teamBudget", "quorum", "approverGroups", "requestExpiryHours", "grantTtlDays", "lifetime", "prices"]}
 */
interface ClusterPolicyConfig {
  /** The node class kind pools reference; default `{ group: karpenter.k8s.aws, kind: EC2NodeClass }`. */
  nodeClassRef?: NodeClassKindConfig;
  /**
   * Node classes (of that kind) teams may choose; default `[default]`.
   * @minItems 1
   */
  nodeClasses?: string[];
  /**
   * Architectures teams may choose; default `[amd64, arm64]`.
   * @minItems 1
   */
  architectures?: Array<'amd64' | 'arm64'>;
  /**
   * Capacity types teams may choose; default `[spot, on-demand]`.
   * @minItems 1
   */
  capacityTypes?: Array<'spot' | 'on-demand' | 'reserved'>;
  /**
   * Instance categories teams may choose (`karpenter.k8s.aws/instance-category`); default
   * `[c, m, r]`; a request naming none gets these. `[]` means the provider has no categories
   * (kwok): the NodePool is not constrained by them, and a request may name none.
   * @items.pattern ^[a-z]+$
   */
  instanceCategories?: string[];
  /**
   * The oldest instance generation any pool may use (`karpenter.k8s.aws/instance-generation`);
   * unset by default.
   * @asType integer
   * @minimum 1
   */
  minInstanceGeneration?: number;
  /**
   * Label domains `taintKey` and `teamLabelKey` may not be in (Karpenter refuses template labels
   * in its own); default `[kubernetes.io, k8s.io, karpenter.sh, karpenter.k8s.aws]`.
   */
  restrictedLabelDomains?: string[];
  /**
   * Key of the taint every pool carries (`<taintKey>=<team>:NoSchedule`); default
   * `nodepools.backstage.io/team`.
   * @maxLength 316
   * @pattern ^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$
   */
  taintKey?: string;
  /**
   * Key of the team label on pool nodes and on the namespaces a team may schedule from; default
   * `nodepools.backstage.io/team`.
   * @maxLength 316
   * @pattern ^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$
   */
  teamLabelKey?: string;
  /**
   * Namespaces the admission policy leaves alone (add-ons, DaemonSets); default
   * `[kube-system, kube-public, kube-node-lease]`.
   */
  systemNamespaces?: string[];
  /**
   * The only identity the admission policy lets set team labels on namespaces: the reconciler's;
   * default `system:serviceaccount:nodepools-system:nodepools-reconciler`.
   * @minLength 1
   */
  reconcilerUsername?: string;
  /** Values a pool gets when its request does not set them. */
  defaults?: PoolDefaultsConfig;
  /** Whether a request may set `expireAfter: Never`; default false. */
  allowNeverExpire?: boolean;
  /** The largest limits one pool may have; default `{ cpu: '64', memory: 256Gi, gpu: '0' }`. */
  maxPoolLimits?: LimitsCeilingConfig;
  /**
   * The smallest `cpu` and `memory` limits a pool may have, so that at least one node fits;
   * default `{ cpu: '1', memory: 1Gi }`. Lower it for providers with smaller nodes.
   */
  minPoolLimits?: PoolLimitsFloorConfig;
  /**
   * The most one team may hold across all its pools on this cluster; default
   * `{ cpu: '128', memory: 512Gi, gpu: '0' }`.
   */
  teamBudget?: LimitsCeilingConfig;
  /**
   * Distinct approvers a request needs (never the requester); default 1.
   * @asType integer
   * @minimum 1
   * @maximum 10
   */
  quorum?: number;
  /**
   * Groups whose members approve requests for this cluster; default `[group:default/platform]`.
   * @minItems 1
   */
  approverGroups?: string[];
  /**
   * Hours after which an undecided request expires; default 168 (a week).
   * @exclusiveMinimum 0
   */
  requestExpiryHours?: number;
  /**
   * Days a grant is meant to last. Accepted and validated, but nothing acts on it yet; unset by
   * default.
   * @exclusiveMinimum 0
   */
  grantTtlDays?: number;
  /** How long grants last and what happens when one runs out; by default grants never expire. */
  lifetime?: LifetimePolicyConfig;
  /** Prices per hour used for cost estimates (a stand-in for a real pricing source). */
  prices?: PriceTableConfig;
}

/**
 * @propertyNames {"enum": ["type"]}
 */
interface ApplyDeliveryConfig {
  /** The reconciler applies approved pools to the cluster itself (the default). */
  type: 'apply';
}

/**
 * @propertyNames {"enum": ["type", "repository", "branch", "path", "tenancyPath", "mode"]}
 */
interface GitDeliveryConfig {
  /**
   * Approved pools become files in a repository that the cluster's GitOps controller (Argo CD,
   * Flux) applies; the reconciler only reads the cluster. Credentials come from the backend's
   * `integrations.github` entry for the repository's host.
   */
  type: 'git';
  /** The repository's URL, `https://<host>/<owner>/<name>`. */
  repository: string;
  /** The branch the GitOps controller syncs; default `main`. */
  branch?: string;
  /**
   * Where a pool's file goes; `{cluster}`, `{team}` and `{pool}` are replaced; default
   * `clusters/{cluster}/nodepools/{team}.{pool}.yaml`.
   */
  path?: string;
  /** Where the cluster's admission policies go; default `clusters/{cluster}/nodepools/tenancy.yaml`. */
  tenancyPath?: string;
  /** `pull-request` (default): a branch and pull request per approval; `push`: commit to `branch`. */
  mode?: 'pull-request' | 'push';
}

/**
 * @propertyNames {"enum": ["vcpu", "memoryGiB", "gpus", "architecture", "onDemand", "spot"]}
 */
interface InstanceTypePriceConfig {
  /**
   * vCPUs of the instance type.
   * @exclusiveMinimum 0
   */
  vcpu: number;
  /**
   * Memory in GiB.
   * @exclusiveMinimum 0
   */
  memoryGiB: number;
  /**
   * GPUs; default 0.
   * @asType integer
   * @minimum 0
   */
  gpus?: number;
  /** `amd64` or `arm64`; default from the name (`-arm64-`, or an AWS Graviton family such as `m7g`). */
  architecture?: 'amd64' | 'arm64';
  /**
   * On-demand list price per hour; without it the type is not priced on demand.
   * @minimum 0
   */
  onDemand?: number;
  /**
   * Spot price per hour (any zone); without it the type is not priced as spot.
   * @minimum 0
   */
  spot?: number;
}

/**
 * @propertyNames {"enum": ["source", "region", "accountId", "refreshHours"]}
 */
interface AwsPricingConfig {
  /**
   * On-demand prices from the AWS Pricing API and spot prices from EC2 spot price history, with
   * the backend's AWS credentials, cached in the plugin's database and refreshed on a schedule.
   */
  source: 'aws';
  /**
   * The region the cluster runs in, e.g. `eu-west-1`.
   * @pattern ^[a-z]{2}(-[a-z]+)+-[0-9]+$
   */
  region: string;
  /**
   * Pick the credentials of this account from the `aws` integration config.
   * @pattern ^[0-9]{12}$
   */
  accountId?: string;
  /**
   * Hours between refreshes; default 12 (as Karpenter refreshes on-demand prices).
   * @minimum 1
   * @maximum 168
   */
  refreshHours?: number;
}

/**
 * @propertyNames {"enum": ["source", "currency", "asOf", "instanceTypes"]}
 */
interface TablePricingConfig {
  /** A price table written here: air-gapped clusters, other clouds, the local kwok demo. */
  source: 'table';
  /**
   * Currency of the table; default `USD`.
   * @minLength 1
   */
  currency?: string;
  /** When the prices were written down (a date), shown with every figure. */
  asOf?: string;
  /** Prices per instance type, by the type's name (`node.kubernetes.io/instance-type`). */
  instanceTypes: { [name: string]: InstanceTypePriceConfig };
}

/**
 * @propertyNames {"enum": ["name", "title", "description", "url", "caData", "auth", "policy", "delivery", "pricing"]}
 */
interface ClusterConfig {
  /**
   * Short name (a DNS label), used in requests, URLs and entity names. Changing it orphans the
   * cluster's pools.
   * @maxLength 63
   * @pattern ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
   */
  name: string;
  /** Display name; defaults to `name`. */
  title?: string;
  /** What the cluster is for, shown to people choosing one. */
  description?: string;
  /** The API server URL. Without it the cluster takes requests but nothing is applied. */
  url?: string;
  /** The API server's CA certificate, base64 PEM (as in a kubeconfig's `certificate-authority-data`). */
  caData?: string;
  /** How the reconciler authenticates to the API server. */
  auth?: ServiceAccountAuthConfig | AwsAuthConfig;
  /** What the platform allows on this cluster; every key has a default. */
  policy?: ClusterPolicyConfig;
  /** How approved pools reach the cluster; default `{ type: apply }`. */
  delivery?: ApplyDeliveryConfig | GitDeliveryConfig;
  /**
   * Where instance prices come from, for the cost ceiling and run-rate; without it cost
   * estimates use the policy's fixed `prices` rates.
   */
  pricing?: AwsPricingConfig | TablePricingConfig;
}

/**
 * A team's monthly budget in money across clusters.
 * @propertyNames {"enum": ["team", "monthly", "currency"]}
 */
interface TeamBudgetConfig {
  /** The owning Group's entity ref, e.g. `group:default/payments`. */
  team: string;
  /**
   * The most the team's pools may cost a month at their ceilings.
   * @exclusiveMinimum 0
   */
  monthly: number;
  /** ISO 4217 code; default `USD` (what AWS prices are in). */
  currency?: string;
}

export interface Config {
  /**
   * Self-service Karpenter NodePools.
   * @propertyNames {"enum": ["platformOwner", "reconcileIntervalSeconds", "grantExpiryIntervalSeconds", "clusters", "teamBudgets"]}
   */
  nodepools?: {
    /**
     * The catalog Group that owns the cluster entities; the suite's permission policy counts its
     * members as approvers (a decision still needs the cluster's `approverGroups`); default
     * `group:default/platform`.
     */
    platformOwner?: string;
    /**
     * Seconds between periodic reconciles of each cluster (5-3600); default 30. Approvals and
     * watch events start a pass at once.
     * @asType integer
     * @minimum 5
     * @maximum 3600
     */
    reconcileIntervalSeconds?: number;
    /**
     * Seconds between checks of grant lifetimes (expiry warnings, expiry); default 60. A grant
     * expires at most this long after its time.
     * @asType integer
     * @minimum 5
     * @maximum 3600
     */
    grantExpiryIntervalSeconds?: number;
    /** The clusters pools can be requested on. */
    clusters?: ClusterConfig[];
    /**
     * Monthly budgets in money per team, across all its pools on all clusters: a request whose
     * ceiling (at list prices, the high end) would take the team's pools over it is refused. Only
     * clusters with a `pricing` source in the budget's currency can be checked; a team with a pool
     * elsewhere is told its budget cannot be checked. Teams not listed have no dollar budget.
     */
    teamBudgets?: TeamBudgetConfig[];
  };
}
