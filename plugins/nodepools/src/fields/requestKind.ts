import type { RequestKind } from '@nodepools/plugin-nodepools-common';

/** The field's `ui:options`: which request the template files. */
export interface RequestKindUiOptions {
  /** `create` (the default), `update` or `decommission`, as the template's `nodepools:request` step. */
  requestKind?: RequestKind;
}

const KINDS: RequestKind[] = ['create', 'update', 'decommission'];

/**
 * The kind of request a template files, from the field's `ui:options.requestKind`. The form does
 * not hold it (the template's step does), and a change previewed as a create would be refused
 * for a pool that already exists.
 */
export function requestKindOf(uiSchema: unknown): RequestKind {
  const kind = (
    uiSchema as { 'ui:options'?: RequestKindUiOptions } | undefined
  )?.['ui:options']?.requestKind;
  return kind && KINDS.includes(kind) ? kind : 'create';
}
