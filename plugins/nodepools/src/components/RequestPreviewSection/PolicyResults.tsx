import { Alert } from '@backstage/ui';
import type { PolicyResult } from '@nodepools/plugin-nodepools-common';

/** Whether the request is within the cluster's policy now, and every rule it breaks. */
export function PolicyResults({ policy }: { policy: PolicyResult }) {
  if (policy.allowed) {
    return (
      <Alert
        status="success"
        icon
        title="Within the cluster's policy"
        description="Limits, node shapes and the team budget are all allowed."
      />
    );
  }
  return (
    <Alert
      status="danger"
      icon
      title="Outside the cluster's policy: it cannot be approved as it is"
      description={
        <ul aria-label="Policy violations">
          {policy.violations.map(v => (
            <li key={`${v.path}:${v.message}`}>
              <code>{v.path}</code>: {v.message}
              {v.asked !== undefined ? ` (asked ${v.asked}` : ''}
              {v.allowed !== undefined ? `, allowed ${v.allowed}` : ''}
              {v.asked !== undefined ? ')' : ''}
            </li>
          ))}
        </ul>
      }
    />
  );
}
