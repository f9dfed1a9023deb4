import {
  ApiBlueprint,
  coreApis,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { RiServerLine } from '@remixicon/react';
import { nodePoolsApiRef } from './api/NodePoolsApi';
import { NodePoolsClient } from './api/NodePoolsClient';
import { rootRouteRef } from './routes';
import { NfsNodePoolsLinks } from './routing';

/** Registers {@link NodePoolsClient} as the app's {@link NodePoolsApi}. */
export const nodePoolsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: nodePoolsApiRef,
      deps: { discoveryApi: coreApis.discovery, fetchApi: coreApis.fetch },
      factory: ({ discoveryApi, fetchApi }) =>
        new NodePoolsClient({ discoveryApi, fetchApi }),
    }),
});

/** The node pools page at `/nodepools`; its title and icon also make its nav item. */
export const nodePoolsPage = PageBlueprint.make({
  params: {
    path: '/nodepools',
    routeRef: rootRouteRef,
    // Loaded on first visit, so the page's code stays out of the app's first bundle.
    loader: () =>
      import('./components/NodePoolsPage').then(m => <m.NodePoolsPage />),
  },
});

/** Status of the pool behind a `karpenter-nodepool` Resource entity. */
export const poolStatusEntityCard = EntityCardBlueprint.make({
  name: 'pool-status',
  params: {
    filter: { kind: 'resource', 'spec.type': 'karpenter-nodepool' },
    loader: () =>
      import('./components/PoolStatusCard').then(m => (
        <NfsNodePoolsLinks>
          <m.PoolStatusCard />
        </NfsNodePoolsLinks>
      )),
  },
});

/** A Group's pools on every cluster, and its pending requests. */
export const teamPoolsEntityCard = EntityCardBlueprint.make({
  name: 'team-pools',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/TeamPoolsCard').then(m => (
        <NfsNodePoolsLinks>
          <m.EntityTeamPoolsCard />
        </NfsNodePoolsLinks>
      )),
  },
});

/** The pools of the team that owns a Component. */
export const ownerPoolsEntityCard = EntityCardBlueprint.make({
  name: 'owner-pools',
  params: {
    filter: { kind: 'component' },
    loader: () =>
      import('./components/TeamPoolsCard').then(m => (
        <NfsNodePoolsLinks>
          <m.EntityTeamPoolsCard />
        </NfsNodePoolsLinks>
      )),
  },
});

/** Scaffolder field `NodePoolClusterPicker`: the configured clusters with their budgets. */
export const clusterPickerField = FormFieldBlueprint.make({
  name: 'cluster-picker',
  params: {
    field: () =>
      import('./fields/formFields').then(m => m.clusterPickerFormField),
  },
});

/** Scaffolder field `NodePoolLimits`: limits with the budget left and the cost ceiling. */
export const poolLimitsField = FormFieldBlueprint.make({
  name: 'pool-limits',
  params: {
    field: () => import('./fields/formFields').then(m => m.poolLimitsFormField),
  },
});

/** Scaffolder field `NodePoolTeamPicker`: the user's teams, prefilled when there is one. */
export const teamPickerField = FormFieldBlueprint.make({
  name: 'team-picker',
  params: {
    field: () => import('./fields/formFields').then(m => m.teamPickerFormField),
  },
});

/** Scaffolder field `NodePoolName`: the pool name checked as typed, with the NodePool's name. */
export const poolNameField = FormFieldBlueprint.make({
  name: 'pool-name',
  params: {
    field: () => import('./fields/formFields').then(m => m.poolNameFormField),
  },
});

/** Scaffolder field `NodePoolNodeClassPicker`: the node classes the cluster allows and has Ready. */
export const nodeClassPickerField = FormFieldBlueprint.make({
  name: 'node-class-picker',
  params: {
    field: () =>
      import('./fields/formFields').then(m => m.nodeClassPickerFormField),
  },
});

/** Scaffolder field `NodePoolRequestCheck`: the backend's verdict before submit. */
export const requestCheckField = FormFieldBlueprint.make({
  name: 'request-check',
  params: {
    field: () =>
      import('./fields/formFields').then(m => m.requestCheckFormField),
  },
});

/** Scaffolder field `NodePoolAdvanced`: the settings a simple request leaves to the cluster. */
export const advancedField = FormFieldBlueprint.make({
  name: 'advanced',
  params: {
    field: () => import('./fields/formFields').then(m => m.advancedFormField),
  },
});

/** Scaffolder field `NodePoolSpecList`: architectures, capacity types or namespaces of the spec. */
export const specListField = FormFieldBlueprint.make({
  name: 'spec-list',
  params: {
    field: () => import('./fields/formFields').then(m => m.specListFormField),
  },
});

/** Scaffolder field `NodePoolLifetime`: the grant's lifetime with the cluster's default and maximum. */
export const lifetimeField = FormFieldBlueprint.make({
  name: 'lifetime',
  params: {
    field: () => import('./fields/formFields').then(m => m.lifetimeFormField),
  },
});

/** The self-service node pools frontend plugin for the New Frontend System. */
export const nodePoolsPlugin = createFrontendPlugin({
  pluginId: 'nodepools',
  title: 'Node pools',
  icon: <RiServerLine />,
  routes: { root: rootRouteRef },
  extensions: [
    nodePoolsApi,
    nodePoolsPage,
    poolStatusEntityCard,
    teamPoolsEntityCard,
    ownerPoolsEntityCard,
    teamPickerField,
    clusterPickerField,
    poolNameField,
    poolLimitsField,
    nodeClassPickerField,
    requestCheckField,
    advancedField,
    specListField,
    lifetimeField,
  ],
});
