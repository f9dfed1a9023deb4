import { Flex } from '@backstage/ui';
import { BackendStatus } from '../BackendStatus';
import { ClustersSection } from '../ClustersSection';

/** The landing view: whether the backend works and what each cluster allows. */
export function NodePoolsOverview() {
  return (
    <Flex direction="column" gap="6">
      <BackendStatus />
      <ClustersSection />
    </Flex>
  );
}
