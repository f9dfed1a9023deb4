import path from 'node:path';
import { karpenterCrdPath } from '../karpenterCrds/karpenterCrdFiles.ts';
import { karpenterModuleDir } from '../karpenterCrds/karpenterModule.ts';
import { crdFilesIn, readCrdFiles } from './installCrds.ts';
import type { KubeObject } from './resourcePath.ts';

/**
 * The CRDs a control plane installs, read from the pinned Karpenter release in the Go module
 * cache (fetched from the Go module proxy first if needed; `onProgress` hears about that).
 *
 * API server only: the AWS provider's NodePool, NodeClaim and EC2NodeClass, what the product
 * renders for on EKS. Its module also has NodeOverlay and CapacityBuffer, which nothing here
 * uses. Karpenter mode: the CRDs of the kwok provider that runs (`kwok/charts/crds`: the
 * provider-neutral karpenter.sh ones, NodeOverlay and CapacityBuffer, which Karpenter watches)
 * and its KWOKNodeClass.
 */
export function controlPlaneCrds(
  karpenterMode: boolean,
  onProgress: (message: string) => void,
): KubeObject[] {
  if (!karpenterMode) {
    return readCrdFiles(
      (['ec2nodeclasses', 'nodeclaims', 'nodepools'] as const).map(name =>
        karpenterCrdPath(name, { provider: 'aws', onProgress }),
      ),
    );
  }
  const moduleDir = karpenterModuleDir('core', onProgress);
  return readCrdFiles(
    [
      path.join(moduleDir, 'kwok', 'charts', 'crds'),
      path.join(moduleDir, 'kwok', 'apis', 'crds'),
    ].flatMap(crdFilesIn),
  );
}
