import { Card, CardBody, CardHeader, Text } from '@backstage/ui';
import { useParams } from 'react-router-dom';
import { PoolStatusView } from '../PoolStatusCard/PoolStatusView';

/**
 * One pool at `/nodepools/pools/:id`, where the catalog's pool entities link: its status and a
 * longer history than the entity card shows.
 */
export function PoolPage() {
  const { id } = useParams();
  return (
    <Card>
      <CardHeader>
        <Text as="h2" variant="title-small">
          Node pool
        </Text>
      </CardHeader>
      <CardBody>
        {id ? (
          <PoolStatusView id={id} historyLimit={50} />
        ) : (
          <Text>No pool id in the address.</Text>
        )}
      </CardBody>
    </Card>
  );
}
