import { Button, Flex, Text } from '@backstage/ui';
import { teamSlug } from '@nodepools/plugin-nodepools-common';
import { useState } from 'react';
import { stringify } from 'yaml';
import type { ClusterPolicySummary } from '../../api/types';

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
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
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
  const copy = async () => {
    try {
      await window.navigator.clipboard.writeText(yaml);
      setCopied('yes');
    } catch {
      // No clipboard access (an insecure origin, or the browser refused): the text stays selectable.
      setCopied('failed');
    }
  };
  return (
    <Flex direction="column" gap="2">
      <pre
        aria-label="Workload snippet"
        // A scrollable region must take focus to be scrolled without a mouse (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        style={{ margin: 0, overflow: 'auto' }}
      >
        <code>{yaml}</code>
      </pre>
      <Flex gap="3" align="center">
        <Button variant="secondary" size="small" onPress={copy}>
          Copy snippet
        </Button>
        <Text role="status" variant="body-small" color="secondary">
          {copied === 'yes' && 'Copied: paste it into the pod spec.'}
          {copied === 'failed' &&
            'The browser did not allow copying: select the snippet and copy it.'}
        </Text>
      </Flex>
    </Flex>
  );
}
