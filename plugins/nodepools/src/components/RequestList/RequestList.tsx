import { useApi } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { useChangeSignal } from '../../lib/useChangeSignal';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import type { RequestListQuery } from '../../api/types';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { PollingNote } from '../PollingNote';
import { RequestFilters, type RequestFilterValues } from '../RequestFilters';
import { RequestsTable } from '../RequestsTable';
import { useRequestPages } from './useRequestPages';

/** Props of {@link RequestList}. */
export interface RequestListProps {
  /** Where the filters start, e.g. pending requests for the approval queue. */
  initialFilters: RequestFilterValues;
  /** Fixed parts of the query the user cannot change, e.g. the requester of "my requests". */
  fixedQuery?: Pick<RequestListQuery, 'requester'>;
  /** Said when nothing matches the filters. */
  emptyMessage: string;
}

/** A group ref from what was typed: `payments` means `group:default/payments`. */
function ownerFromTeam(team: string): string | undefined {
  const text = team.trim();
  if (!text) return undefined;
  return text.includes(':') ? text : `group:default/${text}`;
}

/**
 * Filters, a table of requests newest first, and "Load more" while the backend has more. The rows
 * are loaded again whenever the backend signals a change to any request (a new one may match the
 * filters; every 15 seconds without the signals plugin).
 */
export function RequestList({
  initialFilters,
  fixedQuery,
  emptyMessage,
}: RequestListProps) {
  const api = useApi(nodePoolsApiRef);
  const [filters, setFilters] = useState(initialFilters);
  // The cluster filter offers the configured clusters; without them it still works, just empty.
  const clusters = useAsync(() => api.listClusters(), [api]);
  // The team is typed: ask the backend once typing pauses, not for every letter.
  const team = useDebouncedValue(filters.team, 300);
  const query = useMemo<RequestListQuery>(
    () => ({
      ...fixedQuery,
      state: filters.state ? [filters.state] : undefined,
      cluster: filters.cluster || undefined,
      owner: ownerFromTeam(team),
      order: 'newest',
    }),
    [filters.state, filters.cluster, team, fixedQuery],
  );
  const pages = useRequestPages(query);
  const { live } = useChangeSignal(
    change => change.requestIds.length > 0,
    pages.refresh,
  );

  let body;
  if (pages.items.length === 0 && pages.loading) {
    body = <Text role="status">Loading requests…</Text>;
  } else if (pages.items.length === 0 && !pages.error) {
    body = <Alert status="info" icon title={emptyMessage} />;
  } else if (pages.items.length > 0) {
    body = <RequestsTable requests={pages.items} />;
  }

  return (
    <Flex direction="column" gap="4">
      <RequestFilters
        value={filters}
        onChange={setFilters}
        clusters={clusters.value ?? []}
      />
      {body}
      {pages.error && (
        <LoadErrorAlert
          subject="the requests"
          error={pages.error}
          onRetry={pages.retry}
          retrying={pages.loading}
        />
      )}
      {pages.hasMore && !pages.error && (
        <div>
          <Button
            variant="secondary"
            onPress={pages.loadMore}
            isPending={pages.loading}
          >
            Load more
          </Button>
        </div>
      )}
      <PollingNote live={live} />
    </Flex>
  );
}
