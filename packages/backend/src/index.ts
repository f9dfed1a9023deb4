/*
 * The demo portal's backend: Backstage core plugins plus the NodePools suite.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
// Guest sign-in is for the local demo only: app-config.production.yaml has no guest provider.
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-permission-backend'));
// The suite's policy: team members request and read their teams' pools, approvers decide.
backend.add(
  import('@nodepools/plugin-permission-backend-module-nodepools-policy'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-events-backend'));

// Self-service Karpenter NodePools
backend.add(import('@nodepools/plugin-nodepools-backend'));
backend.add(import('@nodepools/plugin-scaffolder-backend-module-nodepools'));
backend.add(import('@nodepools/plugin-catalog-backend-module-nodepools'));

backend.start();
