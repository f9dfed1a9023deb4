import type { ApiServerSuite } from '@nodepools/local-cluster';

/** A condition as Karpenter writes it, timestamped now (seconds, as the API server keeps them). */
export function karpenterCondition(
  type: string,
  status: 'True' | 'False' | 'Unknown',
  reason = type,
) {
  return {
    type,
    status,
    reason,
    message: '',
    lastTransitionTime: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/**
 * Writes the status subresource of a NodePool or NodeClaim as Karpenter would. No Karpenter runs
 * against the shared API server, so the admin writes what it would have.
 */
export async function writeKarpenterStatus(
  suite: ApiServerSuite,
  resource: 'nodepools' | 'nodeclaims',
  name: string,
  status: Record<string, unknown>,
): Promise<void> {
  await suite
    .client()
    .request('PATCH', `/apis/karpenter.sh/v1/${resource}/${name}/status`, {
      body: { status },
      contentType: 'application/merge-patch+json',
    });
}
