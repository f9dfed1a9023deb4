import type { RequestPreview } from '../preview/previewRequest';
import type { DeliveryTarget } from './deliveryTarget';
import type { ServerVerdicts } from './serverVerdicts';

/**
 * `POST /requests` with `dryRun` and `GET /requests/{id}/preview`: what the request would do, and
 * warnings about the cluster (an unpinned AMI alias, a node class that is not Ready or missing)
 * from the reconciler's last pass. The backend answers it, the frontend, the scaffolder actions
 * and other plugins (through `NodePoolsClient`) read it.
 */
export interface RequestPreviewResult {
  /**
   * `diffBase` says what `diff` compares against (the live NodePool as last observed, with its
   * age) and where that differs from the approved spec; absent from backends older than it.
   */
  preview: RequestPreview;
  /** Empty before the reconciler's first pass, or when there is nothing to warn about. */
  warnings: string[];
  /**
   * The target cluster's API server's dry-run verdict per object; absent for a cluster without
   * url, a decommission, or a backend older than it.
   */
  server?: ServerVerdicts;
  /** Where approving sends the change, on a cluster with git delivery; absent otherwise. */
  delivery?: DeliveryTarget;
  /**
   * Only on the preview of an approved request: when it was approved. Everything above is then
   * what the approvers saw, kept with the approval, not a live preview.
   */
  approvedAt?: string;
}
