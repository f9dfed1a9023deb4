/**
 * Test fixtures shared by the suite's packages (`@nodepools/plugin-nodepools-common/testUtils`):
 * the one sample request every package's tests start from, so that a change to the request model
 * changes one fixture, not six copies. Plain data, no test framework.
 *
 * @packageDocumentation
 */

/** What the payments team asks for in the tests: one on-demand amd64 pool on `local`. */
export const sampleRequest = {
  kind: 'create' as const,
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'pci',
  justification: 'PCI workloads need dedicated nodes',
  spec: {
    requirements: { architectures: ['amd64'], capacityTypes: ['on-demand'] },
    limits: { cpu: '16', memory: '64Gi' },
    nodeClass: 'default',
    namespaces: ['payments'],
  },
};

/**
 * The same request as the request template's form answers it (the scaffolder's `parameters`),
 * with both capacity types as the form offers them by default.
 */
export const sampleFormAnswers = {
  owner: sampleRequest.owner,
  cluster: sampleRequest.cluster,
  pool: sampleRequest.pool,
  architectures: ['amd64'],
  capacityTypes: ['spot', 'on-demand'],
  nodeClass: 'default',
  limits: { cpu: '16', memory: '64Gi' },
  namespaces: ['payments'],
  justification: sampleRequest.justification,
};
