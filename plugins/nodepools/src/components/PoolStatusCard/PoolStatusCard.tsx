import { useEntity } from '@backstage/plugin-catalog-react';
import { Card, CardBody, CardHeader, Link, Text } from '@backstage/ui';
import { useNodePoolsLinks } from '../../routing';
import { PoolStatusView } from './PoolStatusView';

/** The annotation of a `karpenter-nodepool` Resource that names its pool in the backend. */
export const POOL_ID_ANNOTATION = 'nodepools.backstage.io/pool-id';

/** The pool behind a Resource entity: phase, conditions, nodes, capacity, snippet and history. */
export function PoolStatusCard() {
  const { entity } = useEntity();
  const id = entity.metadata.annotations?.[POOL_ID_ANNOTATION];
  const poolLink = useNodePoolsLinks().pool;
  return (
    <Card>
      <CardHeader>
        <Text as="h3" variant="title-x-small">
          Node pool status
        </Text>
      </CardHeader>
      <CardBody>
        {id ? (
          <>
            <PoolStatusView id={id} />
            {poolLink && <Link href={poolLink(id)}>Open the pool page</Link>}
          </>
        ) : (
          <Text>{`This entity has no ${POOL_ID_ANNOTATION} annotation, so its pool cannot be found. The nodepools backend sets it when it registers the pool.`}</Text>
        )}
      </CardBody>
    </Card>
  );
}
