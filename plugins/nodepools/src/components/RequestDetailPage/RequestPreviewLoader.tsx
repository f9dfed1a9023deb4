import { ResponseError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Flex, Text } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { formatTime, shortRef } from '../../lib/format';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { RequestPreviewSection } from '../RequestPreviewSection';

/** States of a request that was approved, so the backend kept the preview it was approved on. */
export const APPROVED_STATES: ReadonlyArray<RequestRecord['state']> = [
  'approved',
  'applied',
  'failed',
];

/**
 * Asks the backend for the preview of the stored request (`GET /requests/:id/preview`), so
 * whoever may read it, approvers outside the owning team included, sees what it would do to the
 * pool as it runs now (not as it ran when the request was filed), with warnings about the cluster.
 * For an approved request it is the preview kept with the approval: exactly what was agreed to.
 */
export function RequestPreviewLoader({ request }: { request: RequestRecord }) {
  const api = useApi(nodePoolsApiRef);
  const preview = useAsyncRetry(
    () => api.getRequestPreview(request.id),
    [api, request.id, request.updatedAt],
  );
  const approved = APPROVED_STATES.includes(request.state);
  if (
    approved &&
    ResponseError.is(preview.error) &&
    preview.error.statusCode === 409
  ) {
    return (
      <Text color="secondary">
        This request was approved before the portal kept the preview with the
        approval, so there is no record of it to show.
      </Text>
    );
  }
  if (ResponseError.is(preview.error) && preview.error.statusCode === 409) {
    // Decided, cancelled or expired since the page loaded.
    return (
      <Alert
        status="info"
        icon
        title="The request is no longer pending"
        description="It was decided, cancelled or expired after this page loaded, so there is nothing left to preview. Reload the page to see its new state."
      />
    );
  }
  if (ResponseError.is(preview.error) && preview.error.statusCode === 404) {
    // The request itself loaded, so this is not "no such request" in the usual sense.
    return (
      <Alert
        role="alert"
        status="danger"
        icon
        title="Could not load the preview of this request"
        description={`${preview.error.cause.message} (HTTP 404). Either you may no longer read this request, or the nodepools backend is older than the preview route (GET /requests/:id/preview): upgrade @nodepools/plugin-nodepools-backend.`}
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
  const { approvedAt } = preview.value;
  const approvers = request.decisions
    .filter(d => d.decision === 'approve')
    .map(d => shortRef(d.actor))
    .join(', ');
  return (
    <Flex direction="column" gap="3">
      {approvedAt && (
        <Text as="p" role="note" aria-label="Approved preview">
          {`As approved on ${formatTime(approvedAt)}${
            approvers ? ` by ${approvers}` : ''
          }: the preview the approvers saw, kept with the approval. The pool may have changed since.`}
        </Text>
      )}
      <RequestPreviewSection
        preview={preview.value.preview}
        warnings={preview.value.warnings}
        server={preview.value.server}
        delivery={preview.value.delivery}
      />
    </Flex>
  );
}
