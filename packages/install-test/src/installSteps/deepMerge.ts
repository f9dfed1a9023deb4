type Json = unknown;

function isMap(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The install convention's YAML merge: maps are merged key by key, lists are appended (a README
 * adds a catalog location, it does not replace the app's), anything else is replaced.
 */
export function deepMerge(target: Json, patch: Json): Json {
  if (isMap(target) && isMap(patch)) {
    const merged: Record<string, Json> = { ...target };
    for (const [key, value] of Object.entries(patch)) {
      merged[key] = key in target ? deepMerge(target[key], value) : value;
    }
    return merged;
  }
  if (Array.isArray(target) && Array.isArray(patch)) {
    return [...target, ...patch];
  }
  return patch;
}
