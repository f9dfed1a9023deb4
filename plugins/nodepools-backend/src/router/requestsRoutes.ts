import Router from 'express-promise-router';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { z } from 'zod';
import { validateWith } from '@nodepools/plugin-nodepools-common';
import { FieldValidationError } from '../workflow/FieldValidationError';
import { parsePoolRequest } from '../workflow/parsePoolRequest';
import {
  decisionBody,
  historyQuery,
  parseInput,
  rejectBody,
  requestListQuery,
} from './queryParams';
import { actorOf, audited, type RouteContext } from './RouteContext';

const dryRunFlag = z.boolean().optional();

/**
 * Splits the body into the request and its `dryRun` flag. The request keeps every other own key
 * (a JSON `__proto__` included), so the strict request schema refuses unknown keys at the top
 * level as it does below; a passthrough object schema would turn `__proto__` into a prototype.
 */
function splitCreateBody(body: unknown) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new FieldValidationError('body: must be a JSON object', [
      { path: 'body', message: 'must be a JSON object' },
    ]);
  const { dryRun, ...request } = body as Record<string, unknown>;
  const flag = validateWith(dryRunFlag, dryRun, ['dryRun']);
  if (!flag.ok)
    throw new FieldValidationError(
      `request is invalid: dryRun: ${flag.errors[0].message}`,
      flag.errors,
    );
  return { dryRun: flag.value, request };
}

/** Requests: file (or preview), list (the approval queue), read, approve, reject, cancel, history. */
export function requestsRoutes(ctx: RouteContext) {
  const router = Router();

  router.post('/requests', async (req, res) => {
    const { dryRun, request: body } = splitCreateBody(req.body);
    const { actor, credentials } = await actorOf(ctx, req);
    // Parsed once, here: the owner authorised on is the one filed, normalised by the schema.
    const request = parsePoolRequest(body);
    await ctx.authorizer.assertMayRequest(request.owner, credentials);
    if (dryRun) {
      res.json(await ctx.workflow.previewWithWarnings(request));
      return;
    }
    const created = await audited(
      ctx,
      req,
      'nodepools-request-create',
      { owner: request.owner, pool: request.pool },
      () => ctx.workflow.file(request, actor),
    );
    res.status(201).json(created);
  });

  router.get('/requests', async (req, res) => {
    const query = parseInput(requestListQuery, req.query, 'query');
    const credentials = await ctx.httpAuth.credentials(req);
    const filter = await ctx.authorizer.readFilter(credentials);
    res.json(await ctx.store.listRequests({ ...query, filter }));
  });

  const readable = async (
    req: Parameters<Parameters<typeof router.get>[1]>[0],
  ) => {
    const credentials = await ctx.httpAuth.credentials(req);
    const filter = await ctx.authorizer.readFilter(credentials);
    const request = await ctx.store.getRequest(req.params.id, filter);
    if (!request) throw new NotFoundError(`no request ${req.params.id}`);
    const { version: _v, ...record } = request;
    return record;
  };

  router.get('/requests/:id', async (req, res) => {
    res.json(await readable(req));
  });

  // The dry run needs the create permission for the owning team; approvers outside it see the
  // preview of a filed request here, under the read permission like the request itself. Once
  // approved, it is the preview kept with the approval (with `approvedAt`), not a live one.
  router.get('/requests/:id/preview', async (req, res) => {
    const request = await readable(req);
    if (request.state === 'pending') {
      res.json(await ctx.workflow.previewStoredWithWarnings(request));
      return;
    }
    const approved = await ctx.store.approvedPreview(request.id);
    if (!approved)
      throw new ConflictError(
        `request ${request.id} is ${request.state}: only a pending request has a preview, and an approved one the preview it was approved on`,
      );
    res.json(approved);
  });

  router.get('/requests/:id/history', async (req, res) => {
    const query = parseInput(historyQuery, req.query, 'query');
    const request = await readable(req);
    res.json(await ctx.store.history({ requestId: request.id, ...query }));
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/requests/:id/${decision}`, async (req, res) => {
      const body = parseInput(
        decision === 'reject' ? rejectBody : decisionBody,
        req.body,
        'body',
      );
      const { actor, credentials } = await actorOf(ctx, req);
      const request = await readable(req);
      await ctx.authorizer.assertMayDecide(request.owner, credentials);
      const result = await audited(
        ctx,
        req,
        `nodepools-request-${decision}`,
        { requestId: request.id, owner: request.owner },
        () => ctx.workflow.decide(request, actor, decision, body.comment),
      );
      res.json(result);
    });
  }

  router.post('/requests/:id/cancel', async (req, res) => {
    const body = parseInput(decisionBody, req.body, 'body');
    const { actor } = await actorOf(ctx, req);
    const request = await readable(req);
    res.json(
      await audited(
        ctx,
        req,
        'nodepools-request-cancel',
        { requestId: request.id },
        () => ctx.workflow.cancel(request.id, actor, body.comment),
      ),
    );
  });

  return router;
}
