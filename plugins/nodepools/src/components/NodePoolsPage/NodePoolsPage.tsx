import { Container, Flex } from '@backstage/ui';
import { BackendStatus } from '../BackendStatus';
import { ClustersSection } from '../ClustersSection';

/**
 * The plugin's page, under the header the app's page layout draws. It will host the approval
 * queue; for now it shows whether the backend works and what each cluster allows.
 */
export function NodePoolsPage() {
  return (
    <Container>
      <Flex direction="column" gap="6" py="4">
        <BackendStatus />
        <ClustersSection />
      </Flex>
    </Container>
  );
}
