import { useApi } from '@backstage/frontend-plugin-api';
import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import type { ChangeFilter } from '../../lib/useChangeSignal';
import { useLiveAsync } from '../../lib/useLiveAsync';
import { HistoryTimeline } from '../HistoryTimeline';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { PollingNote } from '../PollingNote';
import { RequestActions } from '../RequestActions';
import { DecisionsList } from './DecisionsList';
import { APPROVED_STATES, RequestPreviewLoader } from './RequestPreviewLoader';
import { RequestRunRate } from './RequestRunRate';
import { RequestSummary } from './RequestSummary';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          {title}
        </Text>
      </CardHeader>
      <CardBody>{children}</CardBody>
    </Card>
  );
}

/** Props of {@link RequestDetailPage}. */
export interface RequestDetailPageProps {
  /** The request's id; read from the URL when not given. */
  id?: string;
}

/**
 * One request: its facts, actions, what it would change, decisions and history. Loaded again when
 * the backend signals a change to it (a decision, its pool applied; every 15 seconds without the
 * signals plugin), so an approver and the requester both see it move.
 */
export function RequestDetailPage(props: RequestDetailPageProps) {
  const params = useParams();
  const id = props.id ?? params.id ?? '';
  const api = useApi(nodePoolsApiRef);
  const concernsRequest: ChangeFilter = change =>
    change.requestIds.includes(id);
  const request = useLiveAsync(
    () => api.getRequest(id),
    [api, id],
    concernsRequest,
  );
  // Its pool's history names the request too (applied, drift corrected), so this follows signals
  // rather than the request's own updatedAt.
  const history = useLiveAsync(
    () => api.getRequestHistory(id),
    [api, id],
    concernsRequest,
  );

  if (request.error && !request.value) {
    return (
      <LoadErrorAlert
        subject={`request ${id}`}
        error={request.error}
        onRetry={request.retry}
        retrying={request.loading}
      />
    );
  }
  if (!request.value) {
    return <Text role="status">Loading the request…</Text>;
  }
  const record: RequestRecord = request.value;

  return (
    <Flex direction="column" gap="4" role="region" aria-label="Request">
      <Text as="h2" variant="title-small">
        {`${record.kind} ${record.pool} on ${record.cluster}`}
      </Text>
      <RequestSummary request={record} />
      {record.poolId && record.state === 'pending' && (
        <RequestRunRate request={record} />
      )}
      {/* A decision changes the request and its history: reload both. */}
      <RequestActions
        request={record}
        onChanged={() => {
          request.retry();
          history.retry();
        }}
      />
      <Section
        title={
          APPROVED_STATES.includes(record.state)
            ? 'What was approved'
            : 'What it would change'
        }
      >
        {record.state === 'pending' ||
        APPROVED_STATES.includes(record.state) ? (
          <RequestPreviewLoader request={record} />
        ) : (
          <Text color="secondary">
            {`The request is ${record.state}: the preview is only worked out while a request is pending, and kept once it is approved.`}
          </Text>
        )}
      </Section>
      <Section title="Decisions">
        <DecisionsList decisions={record.decisions} />
      </Section>
      <Section title="History">
        {history.error && !history.value ? (
          <LoadErrorAlert
            subject="the history"
            error={history.error}
            onRetry={history.retry}
            retrying={history.loading}
          />
        ) : (
          <HistoryTimeline
            label="Request history"
            events={history.value?.items ?? []}
          />
        )}
      </Section>
      <PollingNote live={request.live} />
    </Flex>
  );
}
