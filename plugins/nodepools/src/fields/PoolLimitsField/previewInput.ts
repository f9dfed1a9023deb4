import type { NewRequest } from '../../api/types';
import type { AdvancedValue } from '../AdvancedField';
import { specPartsOf } from '../AdvancedField/advancedValue';

/** The limits the field edits. */
export interface PoolLimitsValue {
  cpu?: string;
  memory?: string;
}

type FormData = Record<string, unknown> | undefined;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const list = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

/**
 * The dry-run request for the limits as typed, from the rest of the template's form, or undefined
 * while the team, cluster or limits are missing. Fields the user fills in later in the form get
 * stand-ins that pass validation: they do not change the budget or the cost, which is all this
 * field shows.
 */
export function previewInput(
  limits: PoolLimitsValue | undefined,
  form: FormData,
  kind: 'create' | 'update' = 'create',
): NewRequest | undefined {
  const owner = text(form?.owner);
  const cluster = text(form?.cluster);
  if (!owner || !cluster || !limits?.cpu || !limits.memory) return undefined;
  const namespaces = list(form?.namespaces);
  const justification = text(form?.justification);
  // The GPU limit is part of the cost ceiling and the budget; the rest changes neither.
  const { gpu } = specPartsOf(form?.advanced as AdvancedValue | undefined);
  return {
    kind,
    owner,
    cluster,
    pool: text(form?.pool) || 'preview',
    justification:
      justification.trim().length >= 10
        ? justification
        : 'Previewing limits while filling in the form',
    spec: {
      requirements: {
        architectures: list(form?.architectures).length
          ? (list(form?.architectures) as Array<'amd64' | 'arm64'>)
          : ['amd64'],
        capacityTypes: list(form?.capacityTypes).length
          ? (list(form?.capacityTypes) as Array<'spot' | 'on-demand'>)
          : ['on-demand'],
      },
      limits: {
        cpu: limits.cpu,
        memory: limits.memory,
        ...(gpu === undefined ? {} : { gpu }),
      },
      nodeClass: text(form?.nodeClass) || 'default',
      namespaces: namespaces.length ? namespaces : ['default'],
    },
  };
}
