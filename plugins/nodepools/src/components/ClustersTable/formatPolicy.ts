import type { ResourceQuantities } from '../../api/types';

/** `["spot", "on-demand"]` → `"spot, on-demand"`; an empty list says so rather than showing nothing. */
export function formatList(values: readonly string[]): string {
  return values.length > 0 ? values.join(', ') : 'none';
}

/** `{ cpu: "64", memory: "256Gi" }` → `"64 CPU, 256Gi memory"`; GPU only when the cluster allows any. */
export function formatQuantities(quantities: ResourceQuantities): string {
  const parts = [`${quantities.cpu} CPU`, `${quantities.memory} memory`];
  // The backend defaults gpu to "0": saying "0 GPU" on every CPU-only cluster is noise.
  if (quantities.gpu !== undefined && Number(quantities.gpu) !== 0) {
    parts.push(`${quantities.gpu} GPU`);
  }
  return parts.join(', ');
}

/** `1` → `"1 approval"`, `2` → `"2 approvals"`. */
export function formatQuorum(quorum: number): string {
  return `${quorum} ${quorum === 1 ? 'approval' : 'approvals'}`;
}
