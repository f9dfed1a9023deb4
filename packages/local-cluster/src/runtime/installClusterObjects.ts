import { bootstrapRbac } from '../kube/bootstrapRbac.ts';
import { applyCustomObject, installCrds } from '../kube/installCrds.ts';
import type { KubeClient } from '../kube/KubeClient.ts';
import type { KubeObject } from '../kube/resourcePath.ts';
import { SAMPLE_EC2_NODE_CLASS } from '../kube/sampleEc2NodeClass.ts';
import { SAMPLE_KWOK_NODE_CLASS } from '../kube/sampleKwokNodeClass.ts';

/**
 * What a ready API server gets before anyone uses it: the users' RBAC, the CRDs (their names go
 * to `onEstablished` once Established, and are returned) and the sample node class of the mode,
 * which sample NodePools name.
 */
export async function installClusterObjects(
  admin: KubeClient,
  crds: KubeObject[],
  karpenterMode: boolean,
  onEstablished: (crdNames: string[]) => void,
): Promise<string[]> {
  await bootstrapRbac(admin);
  const crdNames = await installCrds(admin, crds);
  onEstablished(crdNames);
  await applyCustomObject(
    admin,
    karpenterMode ? SAMPLE_KWOK_NODE_CLASS : SAMPLE_EC2_NODE_CLASS,
  );
  return crdNames;
}
