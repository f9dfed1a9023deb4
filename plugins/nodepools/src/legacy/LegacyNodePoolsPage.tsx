import { Content, Header, Page } from '@backstage/core-components';
import { NodePoolsRoutes } from '../components/NodePoolsPage/NodePoolsRoutes';
import { LegacyNodePoolsLinks } from './LegacyNodePoolsLinks';

/**
 * The node pools page for a legacy app: the same views as in the New Frontend System, under the
 * header a legacy page draws itself. The app's `<Route path="/nodepools">` scopes the routes.
 */
export function LegacyNodePoolsPage() {
  return (
    <LegacyNodePoolsLinks>
      <Page themeId="tool">
        <Header
          title="Node pools"
          subtitle="Team node pools, the approval queue and your requests"
        />
        <Content noPadding>
          <NodePoolsRoutes />
        </Content>
      </Page>
    </LegacyNodePoolsLinks>
  );
}
