import type { NodeSelectorRequirement } from '../render/manifestTypes';

/**
 * Whether labels satisfy node selector requirements, with Kubernetes' semantics: a missing label
 * fails `In`, `Exists` and `Gt`/`Lt`, and passes `NotIn` and `DoesNotExist`.
 */
export function matchesRequirements(
  labels: Record<string, string>,
  requirements: readonly NodeSelectorRequirement[],
): boolean {
  return requirements.every(r => matchesOne(labels[r.key], r));
}

function matchesOne(
  value: string | undefined,
  r: NodeSelectorRequirement,
): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt':
    case 'Gte':
    case 'Lte': {
      if (value === undefined || !/^-?\d+$/.test(value)) return false;
      const n = Number(value);
      const bound = Number(values[0]);
      if (r.operator === 'Gt') return n > bound;
      if (r.operator === 'Lt') return n < bound;
      return r.operator === 'Gte' ? n >= bound : n <= bound;
    }
    default:
      return false;
  }
}
