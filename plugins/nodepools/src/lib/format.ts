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

/**
 * A diff or policy value as lines people read: a NodePool requirement as `key In a, b`, a taint as
 * `key=value:Effect`, an object as `field: value` per line, a list one item per line. Anything
 * else as {@link formatValue}.
 */
export function valueLines(value: unknown): string[] {
  if (Array.isArray(value)) {
    if (value.length === 0) return ['(none)'];
    return value.map(itemLine);
  }
  if (isRecord(value))
    return Object.entries(value).map(([k, v]) => `${k}: ${itemLine(v)}`);
  return [formatValue(value)];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function itemLine(item: unknown): string {
  if (Array.isArray(item)) return item.map(itemLine).join(', ');
  if (!isRecord(item)) return formatValue(item);
  const { key, operator, values, value, effect } = item;
  if (typeof key === 'string' && typeof operator === 'string') {
    const list = Array.isArray(values) ? ` ${values.join(', ')}` : '';
    const min =
      typeof item.minValues === 'number' ? ` (at least ${item.minValues})` : '';
    return `${key} ${operator}${list}${min}`;
  }
  if (typeof key === 'string' && typeof effect === 'string')
    return `${key}${value === undefined ? '' : `=${String(value)}`}:${effect}`;
  return Object.entries(item)
    .map(([k, v]) => `${k}: ${formatValue(v)}`)
    .join(', ');
}
