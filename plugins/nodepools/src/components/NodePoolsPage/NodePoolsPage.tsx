import { ReactRouterV6PageRouter } from '@backstage/frontend-adapter-react-router-v6';
import { Container, Flex } from '@backstage/ui';
import { Route, Routes } from 'react-router-dom';
import { ApprovalQueuePage } from '../ApprovalQueuePage';
import { MyRequestsPage } from '../MyRequestsPage';
import { RequestDetailPage } from '../RequestDetailPage';
import { SectionNav } from '../SectionNav';
import { NodePoolsOverview } from './NodePoolsOverview';

/**
 * The plugin's page, under the header the app's page layout draws: the clusters, the approval
 * queue, the user's own requests and one request. The explicit router adapter scopes the routes
 * to this page's mount, so they are relative to `/nodepools` wherever the app mounts it.
 */
export function NodePoolsPage() {
  return (
    <ReactRouterV6PageRouter>
      <Container>
        <Flex direction="column" gap="6" py="4">
          <SectionNav />
          <Routes>
            <Route path="/" element={<NodePoolsOverview />} />
            <Route path="/requests" element={<ApprovalQueuePage />} />
            <Route path="/requests/:id" element={<RequestDetailPage />} />
            <Route path="/my-requests" element={<MyRequestsPage />} />
          </Routes>
        </Flex>
      </Container>
    </ReactRouterV6PageRouter>
  );
}
