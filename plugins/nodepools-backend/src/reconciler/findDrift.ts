import type { KubeObject } from './KubeObject';
import { FIELD_MANAGER } from './ownership';

/**
 * Paths where the live object differs from what we rendered, looking only at what we render:
 * labels, annotations and spec fields we set. Extra fields in the live object (API server
 * defaults, fields nobody asked us to set) are not drift; server-side apply would not remove
 * them either. Lists are compared whole, as apply replaces them whole.
 */
export function findDrift(
  rendered: Pick<KubeObject, 'metadata' | 'spec'>,
  live: KubeObject,
): string[] {
  const paths: string[] = [];
  compare(
    rendered.metadata.labels ?? {},
    live.metadata.labels ?? {},
    'metadata.labels',
    paths,
  );
  compare(
    rendered.metadata.annotations ?? {},
    live.metadata.annotations ?? {},
    'metadata.annotations',
    paths,
  );
  compare(rendered.spec ?? {}, live.spec ?? {}, 'spec', paths);
  return paths;
}

function compare(want: unknown, have: unknown, path: string, out: string[]) {
  if (Array.isArray(want)) {
    if (
      !Array.isArray(have) ||
      have.length !== want.length ||
      want.some((item, i) => {
        const inner: string[] = [];
        compare(item, have[i], path, inner);
        return inner.length > 0;
      })
    )
      out.push(path);
    return;
  }
  if (want !== null && typeof want === 'object') {
    if (have === null || typeof have !== 'object' || Array.isArray(have)) {
      out.push(path);
      return;
    }
    for (const [key, value] of Object.entries(want)) {
      compare(
        value,
        (have as Record<string, unknown>)[key],
        `${path}.${key}`,
        out,
      );
    }
    return;
  }
  if (want !== have) out.push(path);
}

const timeOf = (entry: { time?: string | Date }) =>
  entry.time ? new Date(entry.time).getTime() : 0;

/**
 * The other field managers that own part of the object's spec, newest first: who made the
 * drift, as `kubectl` and the API server record it in `metadata.managedFields`.
 */
export function otherSpecManagers(live: KubeObject): string[] {
  const entries = (live.metadata.managedFields ?? [])
    .filter(
      entry =>
        entry.manager &&
        entry.manager !== FIELD_MANAGER &&
        entry.fieldsV1 !== undefined &&
        'f:spec' in entry.fieldsV1,
    )
    .sort((a, b) => timeOf(b) - timeOf(a));
  return [...new Set(entries.map(entry => entry.manager!))];
}
