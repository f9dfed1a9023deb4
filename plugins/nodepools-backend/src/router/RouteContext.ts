import type {
  AuditorService,
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { PoolRecord, RunRate } from '@nodepools/plugin-nodepools-common';
import type { Request } from 'express';
import type { NodePoolsStore } from '../database/NodePoolsStore';
import type { NodePoolsAuthorizer } from '../permissions/NodePoolsAuthorizer';
import type { Actor, RequestWorkflow } from '../workflow/RequestWorkflow';
import type { PoolSampler } from '../samples/PoolSampler';

/** What the route modules share. */
export interface RouteContext {
  store: NodePoolsStore;
  workflow: RequestWorkflow;
  authorizer: NodePoolsAuthorizer;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
  auditor: AuditorService;
  /** A pool's run-rate at list prices, when its cluster has a price source. */
  runRate?: (pool: PoolRecord) => Promise<RunRate | undefined>;
  /** The pools' hourly spend samples; without it a pool has none. */
  sampler?: Pick<PoolSampler, 'samples' | 'retentionDays'>;
}

/** The signed-in user behind a request (services may read, but only people file and decide). */
export async function actorOf(
  ctx: RouteContext,
  req: Request,
): Promise<{
  actor: Actor;
  credentials: Awaited<ReturnType<HttpAuthService['credentials']>>;
}> {
  const credentials = await ctx.httpAuth.credentials(req, { allow: ['user'] });
  const info = await ctx.userInfo.getUserInfo(credentials);
  return {
    actor: {
      userRef: info.userEntityRef,
      ownershipRefs: info.ownershipEntityRefs,
    },
    credentials,
  };
}

/** Runs a state-changing handler inside an audit event that records its outcome. */
export async function audited<T>(
  ctx: RouteContext,
  req: Request,
  eventId: string,
  meta: JsonObject,
  fn: () => Promise<T>,
): Promise<T> {
  const event = await ctx.auditor.createEvent({
    eventId,
    request: req,
    severityLevel: 'medium',
    meta,
  });
  try {
    const result = await fn();
    await event.success();
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
