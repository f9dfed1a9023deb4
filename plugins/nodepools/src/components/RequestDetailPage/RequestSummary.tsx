import { Flex, Text } from '@backstage/ui';
import type { RequestRecord } from '@nodepools/plugin-nodepools-common';
import { formatTime, shortRef } from '../../lib/format';
import { describeRequestExpiry } from '../GrantExpiry/describeExpiry';

/** The request's facts: what, where, for whom, by whom, why, and where it stands. */
export function RequestSummary({ request }: { request: RequestRecord }) {
  const facts: Array<[string, string]> = [
    ['State', request.state],
    ['Kind', request.kind],
    ['Team', request.owner],
    ['Cluster', request.cluster],
    ['Requester', shortRef(request.requester)],
    ['Filed', formatTime(request.createdAt)],
    [
      request.state === 'pending' ? 'Expires' : 'Updated',
      formatTime(
        request.state === 'pending' ? request.expiresAt : request.updatedAt,
      ),
    ],
  ];
  const lifetime = describeRequestExpiry(request, new Date());
  if (lifetime) facts.push(['Grant lifetime', lifetime]);
  if (request.reason) facts.push(['Reason', request.reason]);
  return (
    <Flex direction="column" gap="2">
      <Text as="p" aria-label="Justification">
        {request.justification}
      </Text>
      <ul
        aria-label="Request facts"
        style={{ margin: 0, paddingLeft: '1.25rem' }}
      >
        {facts.map(([label, value]) => (
          <li key={label}>
            <Text weight="bold">{label}:</Text> <Text>{value}</Text>
          </li>
        ))}
      </ul>
    </Flex>
  );
}
