import { useEffect } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { NewRequest, RequestPreviewResult } from '../../api/types';
import { CheckResult } from './CheckResult';
import { refusalReasons } from './refusalReasons';

/** A dry run's answer and the reasons it gives to refuse the request (none: it would file it). */
interface CheckOutcome {
  preview?: RequestPreviewResult;
  error?: Error;
  reasons: string[];
}

/** The verdict of a dry run: filed as it is, or refused (with the reasons shown). */
export type RequestVerdict = 'allowed' | 'refused';

/**
 * The backend's dry run of one request (nothing is filed): the result, or why the backend would
 * refuse it. Reports the verdict once known; an error that says nothing about the request (the
 * backend unreachable) has none.
 */
export function RequestCheck({
  request,
  onVerdict,
}: {
  request: NewRequest;
  onVerdict: (verdict: RequestVerdict) => void;
}) {
  const api = useApi(nodePoolsApiRef);
  const key = JSON.stringify(request);
  const check = useAsync(
    (): Promise<CheckOutcome> =>
      api.previewRequest(JSON.parse(key) as NewRequest).then(
        preview => ({ preview, reasons: refusalReasons({ preview }) }),
        error => ({
          error: error as Error,
          reasons: refusalReasons({ error }),
        }),
      ),
    [api, key],
  );
  const outcome = check.value;
  let verdict: RequestVerdict | undefined;
  if (outcome && (outcome.preview || outcome.reasons.length > 0))
    verdict = outcome.reasons.length > 0 ? 'refused' : 'allowed';
  useEffect(() => {
    if (verdict) onVerdict(verdict);
  }, [verdict, onVerdict]);

  if (check.loading)
    return <Text role="status">Checking with the backend…</Text>;
  if (outcome?.preview) return <CheckResult result={outcome.preview} />;
  if (outcome?.reasons.length)
    return (
      <ul aria-label="Why the backend refuses it">
        {outcome.reasons.map(reason => (
          <li key={reason}>
            <Text color="danger">{reason}</Text>
          </li>
        ))}
      </ul>
    );
  return (
    <Text color="danger">
      {`Could not check the request: ${outcome?.error?.message}. The backend checks it again when the request is filed.`}
    </Text>
  );
}
