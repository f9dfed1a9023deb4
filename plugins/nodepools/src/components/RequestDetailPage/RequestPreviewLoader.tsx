import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Text } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { RequestPreviewSection } from '../RequestPreviewSection';

/**
 * Asks the backend for a dry run of the request as filed, so the approver sees what it would do
 * to the pool as it runs now (not as it ran when the request was filed).
 */
export function RequestPreviewLoader({ request }: { request: RequestRecord }) {
  const api = useApi(nodePoolsApiRef);
  const preview = useAsyncRetry(
    () =>
      api.previewRequest({
        kind: request.kind,
        owner: request.owner,
        cluster: request.cluster,
        pool: request.pool,
        justification: request.justification,
        spec: request.spec,
      }),
    [api, request.id, request.updatedAt],
  );
  if (ResponseError.is(preview.error) && preview.error.statusCode === 403) {
    // The backend previews (a dry-run POST /requests) only for those who may file for the team.
    return (
      <Alert
        status="info"
        icon
        title="The preview is only available to members of the owning team"
        description="The backend refused the dry run for you. The manifests and diff are checked again when the request is approved, and approval is refused if it is no longer within policy."
      />
    );
  }
  if (preview.error) {
    return (
      <LoadErrorAlert
        subject="the preview of this request"
        error={preview.error}
        onRetry={preview.retry}
        retrying={preview.loading}
      />
    );
  }
  if (!preview.value) {
    return (
      <Text role="status">Working out what this request would change…</Text>
    );
  }
  return <RequestPreviewSection preview={preview.value} />;
}
