import { Text } from '@backstage/ui';
import { teamSlug, workloadSnippet } from '@nodepools/plugin-nodepools-common';
import { stringify } from 'yaml';
import type { ClusterPolicySummary } from '../../api/types';
import { CopyableCode } from '../CopyableCode';

/**
 * The toleration and node selector a Deployment needs to land on the team's pools: the common
 * package's `workloadSnippet`, from the keys the cluster's policy reports, so what is copied here
 * matches what the cluster admits.
 */
export function WorkloadSnippet({
  owner,
  policy,
}: {
  owner: string;
  policy?: ClusterPolicySummary;
}) {
  if (!policy?.taintKey || !policy.teamLabelKey) {
    return (
      <Text color="secondary">
        The cluster's taint and label keys are not known yet, so the snippet
        cannot be shown.
      </Text>
    );
  }
  const yaml = stringify(
    workloadSnippet(teamSlug(owner), {
      taintKey: policy.taintKey,
      teamLabelKey: policy.teamLabelKey,
    }),
  );
  return (
    <CopyableCode
      code={yaml}
      label="Workload snippet"
      subject="snippet"
      copiedMessage="Copied: paste it into the pod spec."
    />
  );
}
