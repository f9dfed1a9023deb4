import { Text } from '@backstage/ui';
import { teamSlug } from '@nodepools/plugin-nodepools-common';
import { stringify } from 'yaml';
import type { ClusterPolicySummary } from '../../api/types';
import { CopyableCode } from '../CopyableCode';

/**
 * The toleration and node selector a Deployment needs to land on the team's pools. Built the same
 * way as the common package's `workloadSnippet`, from the keys the cluster's policy reports, so
 * what is copied here matches what the cluster admits.
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
  const team = teamSlug(owner);
  const yaml = stringify({
    tolerations: [
      {
        key: policy.taintKey,
        operator: 'Equal',
        value: team,
        effect: 'NoSchedule',
      },
    ],
    nodeSelector: { [policy.teamLabelKey]: team },
  });
  return (
    <CopyableCode
      code={yaml}
      label="Workload snippet"
      subject="snippet"
      copiedMessage="Copied: paste it into the pod spec."
    />
  );
}
