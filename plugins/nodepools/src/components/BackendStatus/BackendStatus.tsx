import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { useId } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { HealthSummary } from './HealthSummary';

/** A card with the nodepools backend's health, loaded on its own so a slow check delays nothing else. */
export function BackendStatus() {
  const api = useApi(nodePoolsApiRef);
  const headingId = useId();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getHealth(),
    [api],
  );

  let body;
  if (error) {
    body = (
      <LoadErrorAlert
        subject="the backend status"
        error={error}
        onRetry={retry}
        retrying={loading}
      />
    );
  } else if (loading || !value) {
    body = <Text role="status">Checking the nodepools backend…</Text>;
  } else {
    body = <HealthSummary health={value} />;
  }

  return (
    <Card role="region" aria-labelledby={headingId}>
      <CardHeader>
        <Text as="h2" variant="title-small" id={headingId}>
          Backend status
        </Text>
      </CardHeader>
      <CardBody>{body}</CardBody>
    </Card>
  );
}
