import type { NewRequest } from '../../api/types';
import { previewInput } from '../PoolLimitsField/previewInput';

// The warnings depend only on the cluster and the node class; the rest only has to pass validation.
const STAND_IN_LIMITS = { cpu: '1', memory: '1Gi' };

/**
 * The dry run that asks the backend about one node class: the team, cluster and pool of the form
 * with that class and stand-ins for everything else, or undefined until team and cluster are
 * chosen (the dry run is authorized for the team).
 */
export function nodeClassProbe(
  form: Record<string, unknown> | undefined,
  kind: 'create' | 'update',
  nodeClass: string,
): NewRequest | undefined {
  const request = previewInput(
    STAND_IN_LIMITS,
    { owner: form?.owner, cluster: form?.cluster, pool: form?.pool },
    kind,
  );
  if (!request?.spec) return undefined;
  return { ...request, spec: { ...request.spec, nodeClass } };
}
