import { useApi } from '@backstage/frontend-plugin-api';
import { Text } from '@backstage/ui';
import useAsync from 'react-use/esm/useAsync';
import { inputProblemsOf } from '../../api/inputProblems';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { NewRequest } from '../../api/types';
import { LimitsSummary } from './LimitsSummary';
import { PreviewWarnings } from '../../components/RequestPreviewSection/PreviewWarnings';

/** Whether a field error or violation is about the limits or the budget they draw on. */
const aboutLimits = (path: string) =>
  path.startsWith('spec.limits') || path.startsWith('budget');

/**
 * The backend's dry run of a request: warnings about the cluster, cost ceiling, budget left, and
 * what is wrong with the limits.
 */
export function LimitsPreview({ request }: { request: NewRequest }) {
  const api = useApi(nodePoolsApiRef);
  const key = JSON.stringify(request);
  const preview = useAsync(
    () => api.previewRequest(JSON.parse(key) as NewRequest),
    [api, key],
  );
  const problems = inputProblemsOf(preview.error);
  // Violations are sentences that name the limit; the schema's field errors need their field.
  const messages = [
    ...[
      ...(preview.value?.preview.policy.violations ?? []),
      ...(problems?.violations ?? []),
    ]
      .filter(v => aboutLimits(v.path))
      .map(v => v.message),
    ...(problems?.fieldErrors ?? [])
      .filter(e => aboutLimits(e.path))
      .map(e => `${e.path}: ${e.message}`),
  ];

  return (
    <>
      {preview.loading && <Text role="status">Checking the budget…</Text>}
      {preview.value && (
        <>
          <PreviewWarnings warnings={preview.value.warnings} />
          <LimitsSummary preview={preview.value.preview} />
        </>
      )}
      {messages.length > 0 && (
        <ul aria-label="Limit problems">
          {messages.map(m => (
            <li key={m}>
              <Text color="danger">{m}</Text>
            </li>
          ))}
        </ul>
      )}
      {preview.error && messages.length === 0 && (
        <Text color="danger">{`Could not check the budget: ${preview.error.message}`}</Text>
      )}
    </>
  );
}
