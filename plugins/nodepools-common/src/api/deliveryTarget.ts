/**
 * Where an approval goes on a cluster with git delivery, shown in the preview before anyone
 * approves: the repository, the branch the GitOps controller syncs, the pool's file, and whether
 * the change comes as a pull request or a commit on that branch.
 */
export interface DeliveryTarget {
  repository: string;
  branch: string;
  path: string;
  mode: 'pull-request' | 'push';
}
