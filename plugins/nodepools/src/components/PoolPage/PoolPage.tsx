import { Card, CardBody, CardHeader, Flex, Text } from '@backstage/ui';
import { useParams } from 'react-router-dom';
import { PoolStatusView } from '../PoolStatusCard/PoolStatusView';
import { SpendChart } from '../SpendChart';

/**
 * One pool at `/nodepools/pools/:id`, where the catalog's pool entities link: its status, a
 * longer history than the entity card shows, and its spend over the last 30 days.
 */
export function PoolPage() {
  const { id } = useParams();
  if (!id) return <Text>No pool id in the address.</Text>;
  return (
    <Flex direction="column" gap="4">
      <Card>
        <CardHeader>
          <Text as="h2" variant="title-small">
            Node pool
          </Text>
        </CardHeader>
        <CardBody>
          <PoolStatusView id={id} historyLimit={50} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader>
          <Text as="h2" variant="title-small">
            Spend over time
          </Text>
        </CardHeader>
        <CardBody>
          <SpendChart id={id} />
        </CardBody>
      </Card>
    </Flex>
  );
}
