import { Container, Flex } from '@backstage/ui';
import { Route, Routes } from 'react-router-dom';
import { ApprovalQueuePage } from '../ApprovalQueuePage';
import { MyRequestsPage } from '../MyRequestsPage';
import { PoolPage } from '../PoolPage';
import { RequestDetailPage } from '../RequestDetailPage';
import { SectionNav } from '../SectionNav';
import { NodePoolsOverview } from './NodePoolsOverview';

/**
 * The plugin's views, with paths relative to wherever the page is mounted (`routes.ts` names the
 * same paths): the clusters, the approval queue, the user's own requests, one request, one pool.
 * Both frontend systems render this; each wraps it in its own page chrome and router scope.
 */
export function NodePoolsRoutes() {
  return (
    <Container>
      <Flex direction="column" gap="6" py="4">
        <SectionNav />
        <Routes>
          <Route path="/" element={<NodePoolsOverview />} />
          <Route path="/requests" element={<ApprovalQueuePage />} />
          <Route path="/requests/:id" element={<RequestDetailPage />} />
          <Route path="/my-requests" element={<MyRequestsPage />} />
          <Route path="/pools/:id" element={<PoolPage />} />
        </Routes>
      </Flex>
    </Container>
  );
}
