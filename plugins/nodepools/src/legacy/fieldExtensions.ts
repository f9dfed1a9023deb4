import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import {
  advancedOptions,
  clusterPickerOptions,
  lifetimeOptions,
  nodeClassPickerOptions,
  poolLimitsOptions,
  poolNameOptions,
  requestCheckOptions,
  specListOptions,
  teamPickerOptions,
} from '../fields/fieldOptions';
import { nodePoolsLegacyPlugin } from './plugin';

// Provided by the legacy plugin, so an app that only uses the fields still registers the plugin's
// API, which the fields call. Put them in `<ScaffolderFieldExtensions>` under the `/create` route.

/** `ui:field: NodePoolClusterPicker`: the configured clusters with their team budgets. */
export const NodePoolClusterPickerFieldExtension =
  nodePoolsLegacyPlugin.provide(
    createScaffolderFieldExtension(clusterPickerOptions),
  );

/** `ui:field: NodePoolNodeClassPicker`: the node classes the cluster allows and has Ready. */
export const NodePoolNodeClassPickerFieldExtension =
  nodePoolsLegacyPlugin.provide(
    createScaffolderFieldExtension(nodeClassPickerOptions),
  );

/** `ui:field: NodePoolTeamPicker`: the user's teams, prefilled when there is one. */
export const NodePoolTeamPickerFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(teamPickerOptions),
);

/** `ui:field: NodePoolName`: the pool name checked as typed, with the NodePool's name. */
export const NodePoolNameFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(poolNameOptions),
);

/** `ui:field: NodePoolLimits`: limits with the team's budget left and the cost ceiling. */
export const NodePoolLimitsFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(poolLimitsOptions),
);

/** `ui:field: NodePoolRequestCheck`: the backend's verdict on the request before submit. */
export const NodePoolRequestCheckFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(requestCheckOptions),
);

/** `ui:field: NodePoolAdvanced`: instance choices, zones, GPUs, disruption and expiry, within the policy. */
export const NodePoolAdvancedFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(advancedOptions),
);

/** `ui:field: NodePoolSpecList`: architectures or capacity types the policy allows, or namespaces. */
export const NodePoolSpecListFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(specListOptions),
);

/** `ui:field: NodePoolLifetime`: the grant's lifetime with the cluster's default and maximum. */
export const NodePoolLifetimeFieldExtension = nodePoolsLegacyPlugin.provide(
  createScaffolderFieldExtension(lifetimeOptions),
);
