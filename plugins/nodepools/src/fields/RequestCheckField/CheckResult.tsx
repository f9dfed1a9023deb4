import { Flex, Text } from '@backstage/ui';
import { stringify } from 'yaml';
import type { RequestPreviewResult } from '../../api/types';
import { PolicyResults } from '../../components/RequestPreviewSection/PolicyResults';
import { PreviewWarnings } from '../../components/RequestPreviewSection/PreviewWarnings';
import { ServerVerdicts } from '../../components/RequestPreviewSection/ServerVerdicts';

/**
 * The backend's dry run of the form's request: the policy verdict with every violation, the
 * target API server's verdict, warnings about the cluster, what it does to running nodes, and the
 * toleration and node selector the team's workloads need to land on the pool.
 */
export function CheckResult({ result }: { result: RequestPreviewResult }) {
  const { preview, warnings, server } = result;
  return (
    <Flex direction="column" gap="3">
      <PolicyResults policy={preview.policy} />
      <ServerVerdicts server={server} />
      <PreviewWarnings warnings={warnings} />
      {preview.request.kind === 'update' && (
        <Text>{preview.impactSummary}</Text>
      )}
      {preview.request.kind === 'decommission' && (
        // The core's impact sentence compares NodePools and says nothing of removing one.
        <Text>
          Once approved, the NodePool is deleted and Karpenter drains and
          removes every node of the pool.
        </Text>
      )}
      {preview.workloadSnippet && (
        <>
          <Text as="h4" variant="title-x-small">
            Put this in your workloads
          </Text>
          <Text color="secondary">
            Once approved, pods in the request's namespaces land on the pool
            with this toleration and node selector:
          </Text>
          <pre
            aria-label="Workload snippet"
            // A scrollable region must take focus to be scrolled without a mouse (WCAG 2.1.1).
            // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
            tabIndex={0}
            style={{ margin: 0, overflow: 'auto' }}
          >
            <code>{stringify(preview.workloadSnippet)}</code>
          </pre>
        </>
      )}
    </Flex>
  );
}
