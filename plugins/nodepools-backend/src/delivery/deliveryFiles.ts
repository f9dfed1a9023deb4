import {
  renderNamespaceLabel,
  renderTenancyPolicy,
  teamSlug,
  type PoolRecord,
} from '@nodepools/plugin-nodepools-common';
import type {
  ClusterConfig,
  GitDeliveryConfig,
} from '@nodepools/plugin-nodepools-node';
import { stringify } from 'yaml';
import { tenantPools } from '../reconciler/applyTenancy';
import { renderPoolObject } from '../reconciler/renderPoolObject';

/** A file of the repository as a delivery wants it: its content, or `null` for no file. */
export interface DeliveryFile {
  path: string;
  content: string | null;
}

/**
 * Namespaces are not ours (apply mode never creates or deletes one): a GitOps controller must
 * only add the label, and never prune the namespace when the pool's file goes away.
 */
const KEEP_NAMESPACE = {
  'argocd.argoproj.io/sync-options': 'Prune=false,ServerSideApply=true',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
};

/** Where a pool's file goes in the repository. */
export function poolFilePath(
  delivery: Pick<GitDeliveryConfig, 'path'>,
  cluster: string,
  pool: Pick<PoolRecord, 'owner' | 'name'>,
): string {
  return fill(delivery.path, {
    cluster,
    team: teamSlug(pool.owner),
    pool: pool.name,
  });
}

/**
 * A pool's file: the NodePool apply mode would write, then the team label on each namespace the
 * pool names; no file once the pool is decommissioned. Keys are sorted and lines never wrapped,
 * so the same approval is the same bytes and a change is a minimal diff.
 */
export function poolFile(
  delivery: Pick<GitDeliveryConfig, 'path'>,
  cluster: ClusterConfig,
  pool: PoolRecord,
): DeliveryFile {
  const path = poolFilePath(delivery, cluster.name, pool);
  if (pool.phase === 'decommissioning' || pool.phase === 'removed')
    return { path, content: null };
  const team = teamSlug(pool.owner);
  const namespaces = (pool.spec.namespaces ?? []).map(namespace => {
    const label = renderNamespaceLabel(namespace, team, cluster.policy);
    return {
      ...label,
      metadata: { ...label.metadata, annotations: KEEP_NAMESPACE },
    };
  });
  return {
    path,
    content: toYaml([renderPoolObject(pool, cluster.policy), ...namespaces]),
  };
}

/**
 * The cluster's admission policies and bindings, for the pools the database holds as live (not
 * what the cluster runs: the repository is a function of the approvals alone, so every delivery
 * of the same approvals writes the same file).
 */
export function tenancyFile(
  delivery: Pick<GitDeliveryConfig, 'tenancyPath'>,
  cluster: ClusterConfig,
  pools: PoolRecord[],
): DeliveryFile {
  const tenants = tenantPools(
    { cluster },
    pools.map(p => ({ ...p, version: 0 })),
    { nodePools: new Map() },
  );
  return {
    path: fill(delivery.tenancyPath, { cluster: cluster.name }),
    content: toYaml(renderTenancyPolicy(cluster.policy, tenants)),
  };
}

/** Objects as a multi-document YAML file, keys sorted, nothing wrapped. */
export function toYaml(objects: unknown[]): string {
  return objects
    .map(o => stringify(o, { sortMapEntries: true, lineWidth: 0 }))
    .join('---\n');
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in values ? values[key] : whole,
  );
}
