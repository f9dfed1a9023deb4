import { Alert } from '@backstage/ui';

/**
 * Warnings about the cluster the request lands on (an unpinned AMI alias that replaces every node
 * when AWS publishes an image, a node class that is not Ready or missing), from the backend's
 * preview. Shown as a warning alert, since they matter to approving it; nothing when there are none.
 */
export function PreviewWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <Alert
      status="warning"
      icon
      title={
        warnings.length === 1
          ? 'Warning about the cluster'
          : `${warnings.length} warnings about the cluster`
      }
      description={
        <ul aria-label="Cluster warnings">
          {warnings.map(w => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      }
    />
  );
}
