import { parseEntityRef } from '@backstage/catalog-model';

/**
 * An entity ref as people read it: `alice` for `user:default/alice`, `ops/alice` outside the
 * default namespace. The full ref stays available as a tooltip where it is shown.
 */
export function shortRef(ref: string): string {
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** A timestamp in UTC, to the minute: the same for every viewer, whatever their time zone. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A value of a diff or policy field as text; absent values read as "(none)". */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '(none)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
