/**
 * Prices per instance type, as a price source delivers them: the AWS Pricing API and EC2 spot
 * price history (cached by the backend), or a table in config. List prices, before any discount.
 */

/** Where a cluster's prices come from, and how fresh they are. */
export interface PriceSourceInfo {
  /** `aws`: the Pricing API and spot price history; `table`: a price table in config. */
  kind: 'aws' | 'table';
  /** The AWS region the prices are for (`aws` only). */
  region?: string;
  /** When the prices were fetched (aws) or written down (a table's `asOf`), ISO 8601. */
  asOf?: string;
  /** True when the last refresh failed or the prices are older than they should be. */
  stale: boolean;
  /** Why they are stale (the last refresh's error, or their age). */
  staleReason?: string;
}

/** One instance type with what it offers and costs per hour. */
export interface InstanceTypePrice {
  name: string;
  vcpu: number;
  memoryGiB: number;
  /** GPUs on the instance; absent means none. */
  gpus?: number;
  architecture: 'amd64' | 'arm64';
  /** Operating system the price is for; `linux` when absent. */
  operatingSystem?: 'linux' | 'windows';
  /** On-demand list price per hour; absent when the source has none. */
  onDemandHourly?: number;
  /** Spot price per hour by zone (`us-east-1a`), or under `*` when the source has no zones. */
  spotHourly?: Record<string, number>;
}

/** A cluster's prices: every instance type the source knows, in one currency. */
export interface PriceBook {
  currency: string;
  source: PriceSourceInfo;
  instanceTypes: InstanceTypePrice[];
}

/** Zone key of a spot price the source gives without a zone (a price table). */
export const ANY_ZONE = '*';

/**
 * The well-known labels Karpenter puts on a node of this instance type, so a NodePool's
 * requirements can be checked against it. AWS names (`c6g.xlarge`) give category, generation,
 * family and size as the AWS provider labels them; other providers' names give none.
 */
export function instanceTypeLabels(
  type: InstanceTypePrice,
): Record<string, string> {
  const labels: Record<string, string> = {
    'node.kubernetes.io/instance-type': type.name,
    'kubernetes.io/arch': type.architecture,
    'kubernetes.io/os': type.operatingSystem ?? 'linux',
  };
  const aws = /^(([a-z]+)(\d+)([a-z-]*))\.([a-z0-9-]+)$/.exec(type.name);
  if (aws) {
    labels['karpenter.k8s.aws/instance-family'] = aws[1];
    labels['karpenter.k8s.aws/instance-category'] = aws[2];
    labels['karpenter.k8s.aws/instance-generation'] = aws[3];
    labels['karpenter.k8s.aws/instance-size'] = aws[5];
  }
  return labels;
}

/**
 * The architecture an instance type name implies when the source does not say: AWS Graviton
 * families carry a `g` after the generation (`m7g`, `c6gn`, `x2gd`), kwok names carry the arch.
 */
export function architectureOfName(name: string): 'amd64' | 'arm64' {
  if (/(^|-)arm64(-|$)/.test(name)) return 'arm64';
  const aws = /^[a-z]+\d+([a-z-]*)\./.exec(name);
  return aws && aws[1].includes('g') ? 'arm64' : 'amd64';
}
