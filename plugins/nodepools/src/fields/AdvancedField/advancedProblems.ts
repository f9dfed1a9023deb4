import {
  disruptionSchema,
  poolSpecSchema,
  requirementsSchema,
} from '@nodepools/plugin-nodepools-common';
import type { AdvancedValue } from './advancedValue';
import { specPartsOf } from './advancedValue';

/** What the form calls each advanced setting, for messages. */
export const ADVANCED_LABELS: Record<string, string> = {
  instanceCategories: 'Instance categories',
  minInstanceGeneration: 'Minimum instance generation',
  instanceSizes: 'Instance sizes',
  excludedInstanceSizes: 'Excluded instance sizes',
  zones: 'Zones',
  gpu: 'GPU limit',
  consolidationPolicy: 'Consolidation policy',
  consolidateAfter: 'Consolidate after',
  expireAfter: 'Expire after',
  terminationGracePeriod: 'Termination grace period',
  weight: 'Weight',
  budgets: 'Disruption budget',
};

const requirementParts = requirementsSchema.partial();
const restParts = poolSpecSchema
  .pick({ expireAfter: true, terminationGracePeriod: true, weight: true })
  .partial();
const gpuPart = poolSpecSchema.shape.limits.shape.gpu;

/**
 * The advanced settings the request model refuses, in the form's words ("Weight: must be between
 * 1 and 100", "Disruption budget 2, duration: ..."), from the model's own schemas so the form and
 * the backend agree. Policy limits (allowed categories, generation) are the backend check's.
 */
export function advancedProblems(value: AdvancedValue | undefined): string[] {
  const { requirements, gpu, rest } = specPartsOf(value);
  const { disruption, ...others } = rest;
  const issues = [
    ...issuesOf(requirementParts.safeParse(requirements)),
    ...issuesOf(restParts.safeParse(others)),
    ...issuesOf(disruptionSchema.safeParse(disruption ?? {})),
    ...(gpu === undefined
      ? []
      : issuesOf(gpuPart.safeParse(gpu)).map(i => ({
          ...i,
          path: ['gpu'],
        }))),
  ];
  return issues.map(({ path, message }) => {
    const [key, index, field] = path;
    if (key === 'budgets' && typeof index === 'number')
      return `Disruption budget ${index + 1}${
        field ? `, ${String(field)}` : ''
      }: ${message}`;
    return `${ADVANCED_LABELS[String(key)] ?? String(key)}: ${message}`;
  });
}

function issuesOf(result: {
  success: boolean;
  error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
}) {
  return result.success ? [] : result.error?.issues ?? [];
}
