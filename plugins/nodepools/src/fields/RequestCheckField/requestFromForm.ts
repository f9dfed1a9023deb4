import type { RequestKind } from '@nodepools/plugin-nodepools-common';
import type { NewRequest } from '../../api/types';
import type { AdvancedValue } from '../AdvancedField';
import { specPartsOf } from '../AdvancedField/advancedValue';

type FormData = Record<string, unknown> | undefined;

const text = (value: unknown) => (typeof value === 'string' ? value : '');
const blank = (value: unknown) => text(value).trim() === '';
const list = (value: unknown) =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];

/** What the request would be, or the form fields still empty. */
export type RequestFromForm =
  | { request: NewRequest; missing: [] }
  | { request: undefined; missing: string[] };

/**
 * The request a template's `nodepools:request` step files, built from its form exactly as the
 * step's input maps the parameters: no stand-ins, since this is what the backend will judge.
 * `missing` names the form fields that are still empty, in the form's words.
 */
export function requestFromForm(
  form: FormData,
  kind: RequestKind,
): RequestFromForm {
  const limits = (form?.limits ?? {}) as Record<string, unknown>;
  const fields: Array<[string, boolean]> = [
    ['team', blank(form?.owner)],
    ['cluster', blank(form?.cluster)],
    ['pool name', blank(form?.pool)],
    ...(kind === 'decommission'
      ? []
      : ([
          ['CPU architectures', list(form?.architectures).length === 0],
          ['capacity types', list(form?.capacityTypes).length === 0],
          ['node class', blank(form?.nodeClass)],
          ['CPU limit', blank(limits.cpu)],
          ['memory limit', blank(limits.memory)],
          ['namespaces', list(form?.namespaces).length === 0],
        ] as Array<[string, boolean]>)),
    ['justification', blank(form?.justification)],
  ];
  const missing = fields.filter(([, empty]) => empty).map(([name]) => name);
  if (missing.length > 0) return { request: undefined, missing };

  const base = {
    kind,
    owner: text(form?.owner),
    cluster: text(form?.cluster),
    pool: text(form?.pool),
    justification: text(form?.justification),
  };
  if (kind === 'decommission') return { request: base, missing: [] };
  const advanced = specPartsOf(form?.advanced as AdvancedValue | undefined);
  return {
    request: {
      ...base,
      // The grant's lifetime (NodePoolLifetime), when the form has one: the check covers its maximum.
      ...(blank(form?.lifetime) ? {} : { lifetime: text(form?.lifetime) }),
      spec: {
        requirements: {
          architectures: list(form?.architectures) as Array<'amd64' | 'arm64'>,
          capacityTypes: list(form?.capacityTypes) as Array<
            'spot' | 'on-demand'
          >,
          ...advanced.requirements,
        },
        limits: {
          cpu: text(limits.cpu),
          memory: text(limits.memory),
          ...(advanced.gpu === undefined ? {} : { gpu: advanced.gpu }),
        },
        ...advanced.rest,
        nodeClass: text(form?.nodeClass),
        namespaces: list(form?.namespaces),
      },
    },
    missing: [],
  };
}
