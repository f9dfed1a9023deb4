import type { ClusterHealth, ClusterHealthState } from '../../api/types';
import { formatTime } from '../../lib/format';

const labels: Record<ClusterHealthState, string> = {
  healthy: 'Healthy',
  unreachable: 'Unreachable',
  error: 'Error',
  unknown: 'Unknown',
};

/** The text color of each state: failures stand out, `unknown` does not alarm. */
export const healthColors = {
  healthy: 'success',
  unreachable: 'danger',
  error: 'danger',
  unknown: 'secondary',
} as const satisfies Record<ClusterHealthState, string>;

/** A cluster's health as people read it: a label, and the lines that explain it. */
export interface HealthText {
  state: ClusterHealthState;
  label: string;
  details: string[];
}

/** The health of a cluster as a label with its message and reconcile times. */
export function formatHealth(health: ClusterHealth | undefined): HealthText {
  if (!health) {
    return {
      state: 'unknown',
      label: labels.unknown,
      details: ['The backend does not report cluster health.'],
    };
  }
  const details: string[] = [];
  if (health.message) details.push(health.message);
  if (health.lastReconcileAt) {
    details.push(`Last reconciled ${formatTime(health.lastReconcileAt)}`);
  }
  if (health.nextAttemptAt) {
    details.push(`Next attempt ${formatTime(health.nextAttemptAt)}`);
  }
  return {
    state: health.state,
    label: labels[health.state] ?? health.state,
    details,
  };
}
