import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Flex, Text } from '@backstage/ui';
import { useId } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { ClustersTable } from '../ClustersTable';
import { LoadErrorAlert } from '../LoadErrorAlert';

/** The configured clusters and their policy, with what to do when there are none or they fail to load. */
export function ClustersSection() {
  const api = useApi(nodePoolsApiRef);
  const headingId = useId();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listClusters(),
    [api],
  );

  let body;
  if (error) {
    body = (
      <LoadErrorAlert
        subject="the clusters"
        error={error}
        onRetry={retry}
        retrying={loading}
      />
    );
  } else if (loading || !value) {
    body = <Text role="status">Loading clusters…</Text>;
  } else if (value.length === 0) {
    body = (
      <Alert
        status="info"
        icon
        title="No clusters are configured: add nodepools.clusters to app-config.yaml"
        description="Each cluster needs a name, its API server and a policy; restart the backend after editing the config."
      />
    );
  } else {
    body = <ClustersTable clusters={value} aria-labelledby={headingId} />;
  }

  return (
    <Flex direction="column" gap="3" role="region" aria-labelledby={headingId}>
      <Text as="h2" variant="title-small" id={headingId}>
        Clusters
      </Text>
      <Text as="p" color="secondary">
        What teams may request on each cluster, and who approves it.
      </Text>
      {body}
    </Flex>
  );
}
