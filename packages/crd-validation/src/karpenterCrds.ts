import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CrdValidator } from './CrdValidator';

/** The Karpenter CRDs this repository validates against. */
export type KarpenterCrdName = 'nodepools' | 'ec2nodeclasses' | 'nodeclaims';

/** Which copy: the AWS provider's (with its extra label rules) or the provider-neutral core. */
export type KarpenterCrdProvider = 'aws' | 'core';

/** Options selecting a Karpenter CRD copy. */
export interface KarpenterCrdOptions {
  /** Defaults to `'aws'`, the copies installed on EKS. */
  provider?: KarpenterCrdProvider;
}

/** The Karpenter release the CRD copies come from. */
export const KARPENTER_CRD_VERSION = 'v1.14.1';

const PROVIDER_DIRS: Record<KarpenterCrdProvider, string> = {
  aws: `aws-karpenter-provider-aws-${KARPENTER_CRD_VERSION}`,
  core: `kubernetes-sigs-karpenter-${KARPENTER_CRD_VERSION}`,
};

const FILES: Record<KarpenterCrdName, string> = {
  nodepools: 'karpenter.sh_nodepools.yaml',
  ec2nodeclasses: 'karpenter.k8s.aws_ec2nodeclasses.yaml',
  nodeclaims: 'karpenter.sh_nodeclaims.yaml',
};

function isWorkspaceRoot(dir: string): boolean {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest)) return false;
  try {
    return (
      'workspaces' in (JSON.parse(readFileSync(manifest, 'utf8')) as object)
    );
  } catch {
    return false;
  }
}

/** The monorepo root: the nearest folder above this file whose package.json declares workspaces. */
// Walking up from this file (source or built output alike) is the point: the CRDs live beside
// the repository, not inside the package, so a package-relative resolver would not find them.
// eslint-disable-next-line no-restricted-syntax
export function findRepoRoot(start: string = __dirname): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (isWorkspaceRoot(dir)) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`no package.json with "workspaces" above ${start}`);
    }
  }
}

/**
 * The shared data folder: `$NODEPOOLS_SHARED_DIR` if set, else `shared/` beside the repository
 * (CI clones the repository next to it).
 */
export function sharedDir(): string {
  const fromEnv = process.env.NODEPOOLS_SHARED_DIR;
  if (fromEnv) return resolve(fromEnv);
  return join(dirname(findRepoRoot()), 'shared');
}

/** The path of a Karpenter CRD file in the shared folder. */
export function karpenterCrdPath(
  name: KarpenterCrdName,
  options: KarpenterCrdOptions = {},
): string {
  const provider = options.provider ?? 'aws';
  if (name === 'ec2nodeclasses' && provider === 'core') {
    throw new Error(
      'the EC2NodeClass CRD only exists in the aws provider copy',
    );
  }
  return join(
    sharedDir(),
    'karpenter-crds',
    PROVIDER_DIRS[provider],
    FILES[name],
  );
}

const validators = new Map<string, CrdValidator>();

/** A validator for a Karpenter CRD, compiled on first use and shared afterwards. */
export function karpenterCrdValidator(
  name: KarpenterCrdName,
  options: KarpenterCrdOptions = {},
): CrdValidator {
  const path = karpenterCrdPath(name, options);
  let validator = validators.get(path);
  if (!validator) {
    validator = CrdValidator.fromFile(path);
    validators.set(path, validator);
  }
  return validator;
}
