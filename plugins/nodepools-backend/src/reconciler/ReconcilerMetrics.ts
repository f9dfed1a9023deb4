import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { ReconcileOutcome } from './ClusterReconciler';

/** How a pass ended: `skipped` is a pass not run because the cluster is backing off. */
export type ReconcileResult = 'success' | 'unreachable' | 'error' | 'skipped';

/**
 * The reconciler's OpenTelemetry instruments, through the backend's metrics service (so they go
 * wherever the backend exports its metrics): pass duration and outcome per cluster, objects
 * written, drift corrections, and pools per phase read from the database when collected.
 */
export class ReconcilerMetrics {
  private readonly duration;
  private readonly passes;
  private readonly applied;
  private readonly drift;

  constructor(metrics: MetricsService, store: NodePoolsStore) {
    this.duration = metrics.createHistogram<{
      cluster: string;
      result: ReconcileResult;
    }>('nodepools.reconcile.duration', {
      unit: 's',
      description: 'Duration of one reconcile pass of a cluster',
    });
    this.passes = metrics.createCounter<{
      cluster: string;
      result: ReconcileResult;
    }>('nodepools.reconcile.passes', {
      description: 'Reconcile passes by cluster and result',
    });
    this.applied = metrics.createCounter<{ cluster: string; kind: string }>(
      'nodepools.reconcile.objects_applied',
      { description: 'Objects written to clusters by server-side apply' },
    );
    this.drift = metrics.createCounter<{ cluster: string }>(
      'nodepools.reconcile.drift_corrections',
      {
        description:
          'NodePools put back after someone else changed or deleted them',
      },
    );
    metrics
      .createObservableGauge<{ cluster: string; phase: string }>(
        'nodepools.pools',
        { description: 'Pools per cluster and phase' },
      )
      .addCallback(async result => {
        for (const row of await store.countPoolsByPhase())
          result.observe(row.count, { cluster: row.cluster, phase: row.phase });
      });
  }

  /** Records one pass; `outcome` only for a pass that ran to the end. */
  recordPass(
    cluster: string,
    result: ReconcileResult,
    seconds: number,
    outcome?: ReconcileOutcome,
  ): void {
    this.passes.add(1, { cluster, result });
    if (result === 'skipped') return;
    this.duration.record(seconds, { cluster, result });
    if (!outcome) return;
    const kinds = {
      NodePool: outcome.applied.nodePools,
      Namespace: outcome.applied.namespaces,
      // Admission policies and their bindings.
      AdmissionPolicy: outcome.applied.tenancy,
    };
    for (const [kind, count] of Object.entries(kinds))
      if (count > 0) this.applied.add(count, { cluster, kind });
    if (outcome.driftCorrected > 0)
      this.drift.add(outcome.driftCorrected, { cluster });
  }
}
