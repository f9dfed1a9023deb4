import {
  grantedLifetime,
  type PolicyViolation,
  type PoolRequest,
  type RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import { FieldValidationError } from './FieldValidationError';
import { previewBasis } from './previewing';
import { clusterOf, type Actor, type WorkflowContext } from './WorkflowContext';

/** The policy's violations as one message, for an error that lists them too. */
export function describeViolations(violations: PolicyViolation[]): string {
  return violations.map(v => `${v.path}: ${v.message}`).join('; ');
}

/** Files a request as pending; refused with the violations when the policy does not allow it. */
export function fileRequest(
  ctx: WorkflowContext,
  request: PoolRequest,
  requester: Actor,
): Promise<RequestRecord> {
  return ctx.store.transaction(async tx => {
    const { preview, target } = await previewBasis(ctx, tx, request);
    if (!preview.policy.allowed) {
      throw new FieldValidationError(
        `the cluster policy refuses this request: ${describeViolations(
          preview.policy.violations,
        )}`,
        [],
        preview.policy.violations,
      );
    }
    const filed = preview.request;
    const now = ctx.now();
    const cluster = clusterOf(ctx.config, filed.cluster);
    const poolId = filed.kind === 'create' ? undefined : target?.id;
    const record: RequestRecord = {
      id: ctx.newId(),
      kind: filed.kind,
      cluster: filed.cluster,
      owner: filed.owner,
      pool: filed.pool,
      poolId,
      spec: filed.kind === 'decommission' ? undefined : filed.spec,
      // Kept as granted (the default applied now), so the approvers see what they agree to.
      lifetime: grantedLifetime(filed, cluster.policy),
      justification: filed.justification,
      requester: requester.userRef,
      state: 'pending',
      policy: preview.policy,
      decisions: [],
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: new Date(
        now.getTime() + cluster.policy.requestExpiryHours * 3600_000,
      ).toISOString(),
    };
    await tx.recordChange(
      {
        request: { insert: record },
        events: [
          {
            requestId: record.id,
            poolId,
            type: 'request.created',
            actor: requester.userRef,
            message: `${requester.userRef} requested to ${filed.kind} pool ${filed.pool} on ${filed.cluster}`,
          },
        ],
      },
      record.createdAt,
    );
    return record;
  });
}
