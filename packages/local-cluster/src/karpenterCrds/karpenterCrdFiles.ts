import { join } from 'node:path';
import { KARPENTER_CRD_SUBDIR, karpenterModuleDir } from './karpenterModule.ts';
import type { KarpenterCrdProvider } from './karpenterModule.ts';

/** The Karpenter CRDs this repository validates against and installs. */
export type KarpenterCrdName = 'nodepools' | 'ec2nodeclasses' | 'nodeclaims';

/** Options selecting a Karpenter CRD copy. */
export interface KarpenterCrdOptions {
  /** Defaults to `'aws'`, the copies installed on EKS. */
  provider?: KarpenterCrdProvider;
  /** Told about a download from the Go module proxy; defaults to a line on stderr. */
  onProgress?: (message: string) => void;
}

const FILES: Record<KarpenterCrdName, string> = {
  nodepools: 'karpenter.sh_nodepools.yaml',
  ec2nodeclasses: 'karpenter.k8s.aws_ec2nodeclasses.yaml',
  nodeclaims: 'karpenter.sh_nodeclaims.yaml',
};

/**
 * The path of a Karpenter CRD file of the pinned release, in the Go module cache (fetched from
 * the Go module proxy on first use if it is not there yet).
 */
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
    karpenterModuleDir(provider, options.onProgress),
    KARPENTER_CRD_SUBDIR,
    FILES[name],
  );
}
