import { poolRequestSchema, type PoolRequest } from '../../model/PoolRequest';
import type { PoolSpec } from '../../model/PoolSpec';
import type { PolicyResult } from '../policyViolation';
import type { ExistingPool } from '../teamBudget';

/** A spec inside the default policy, for the policy checks' tests to vary one field of. */
export const spec: PoolSpec = {
  requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
  limits: { cpu: '16', memory: '64Gi' },
  nodeClass: 'default',
  namespaces: ['payments'],
};

/** The payments team's request for its `pci` pool on `local`, with `patch` over the spec. */
export const request = (
  patch: Partial<PoolSpec> = {},
  kind: 'create' | 'update' = 'create',
): PoolRequest =>
  poolRequestSchema.parse({
    kind,
    owner: 'group:default/payments',
    cluster: 'local',
    pool: 'pci',
    justification: 'dedicated PCI nodes',
    spec: { ...spec, ...patch },
  });

/** A live pool on `local` holding `limits` and a namespace of its own. */
export const pool = (
  name: string,
  limits: PoolSpec['limits'],
  owner = 'group:default/payments',
  extra: Partial<ExistingPool> = {},
): ExistingPool => ({
  id: name,
  owner,
  cluster: 'local',
  name,
  phase: 'ready',
  spec: { ...spec, limits, namespaces: [`${name}-ns`] },
  ...extra,
});

/** The fields at fault, in order. */
export const pathsOf = (r: PolicyResult) => r.violations.map(v => v.path);
