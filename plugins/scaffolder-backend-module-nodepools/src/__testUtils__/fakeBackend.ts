import {
  clusterPolicySchema,
  previewRequest,
} from '@nodepools/plugin-nodepools-common';
import type { NodePoolsClient } from '@nodepools/plugin-nodepools-node';
import { sampleRequest } from '@nodepools/plugin-nodepools-common/testUtils';

export { sampleRequest };

type BackendCalls = Pick<NodePoolsClient, 'fileRequest' | 'previewRequest'>;

/**
 * The backend, as far as an action can tell: records who filed what, and previews with the core's
 * own `previewRequest` for a team without pools on a cluster with the default policy. (Whether the
 * actions answer as the real backend does is `previewAction.scaffolder.test.ts`'s question.)
 */
export function backend(behaviour: Partial<BackendCalls> = {}) {
  const filed: Array<{ request: object; user: unknown }> = [];
  const client: BackendCalls = {
    fileRequest: jest.fn(async (request, credentials) => {
      filed.push({
        request,
        user: (credentials.principal as { userEntityRef: string })
          .userEntityRef,
      });
      return {
        id: `req-${filed.length}`,
        state: 'pending',
        poolId: undefined,
      } as any;
    }),
    previewRequest: jest.fn(async request => {
      const result = previewRequest({
        request,
        policy: clusterPolicySchema.parse({}),
        currentPools: [],
      });
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      return { preview: result.preview, warnings: [] };
    }),
    ...behaviour,
  };
  return { client, filed };
}
