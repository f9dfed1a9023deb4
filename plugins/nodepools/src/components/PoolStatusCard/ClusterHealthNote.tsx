import { Alert } from '@backstage/ui';
import type { ClusterSummary } from '../../api/types';
import { formatTime } from '../../lib/format';

function headline(cluster: ClusterSummary): string {
  switch (cluster.health?.state) {
    case 'unreachable':
      return `Cluster ${cluster.name} is unreachable`;
    case 'error':
      return `The last reconcile of cluster ${cluster.name} failed`;
    default:
      return `The health of cluster ${cluster.name} is unknown`;
  }
}

/**
 * A note on the pool's status when its cluster is not healthy: the status shown may be stale,
 * and approved changes wait until the reconciler gets through. Nothing when it is healthy, or
 * when the backend does not report health.
 */
export function ClusterHealthNote({ cluster }: { cluster?: ClusterSummary }) {
  const health = cluster?.health;
  if (!cluster || !health || health.state === 'healthy') return null;
  const lines = [
    health.message,
    health.lastReconcileAt
      ? `Last reconciled ${formatTime(
          health.lastReconcileAt,
        )}: the status below may be older than that.`
      : 'The status below may be out of date.',
    health.nextAttemptAt
      ? `Next attempt ${formatTime(
          health.nextAttemptAt,
        )}; approved changes are applied once a pass succeeds.`
      : 'Approved changes are applied once a pass succeeds.',
  ].filter((line): line is string => Boolean(line));
  return (
    <Alert
      status={health.state === 'unknown' ? 'info' : 'warning'}
      icon
      title={headline(cluster)}
      description={lines.join(' ')}
    />
  );
}
