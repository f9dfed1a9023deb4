import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { NodePoolsClient } from '@nodepools/plugin-nodepools-node';
import { asInputError, outputPreview } from './previewOutputs';

/** The part of the backend client the action uses. */
export type RequestFiler = Pick<
  NodePoolsClient,
  'fileRequest' | 'previewRequest'
>;

/**
 * `nodepools:request`: files a request to create, change or decommission a pool, as the user who
 * runs the template (so the backend applies that user's permissions). In a dry run it files
 * nothing and outputs the backend's preview. Retried after a crash, it does not file twice.
 */
export function createRequestAction(options: {
  client: RequestFiler;
  appBaseUrl: string;
}) {
  return createTemplateAction({
    id: 'nodepools:request',
    description:
      'Requests a dedicated Karpenter node pool (create, change or decommission) for approval by the platform team.',
    supportsDryRun: true,
    schema: {
      input: {
        kind: z =>
          z
            .enum(['create', 'update', 'decommission'])
            .describe('What to ask for'),
        owner: z =>
          z.string().describe('The owning team, e.g. group:default/payments'),
        cluster: z => z.string().describe('The cluster'),
        pool: z => z.string().describe('The pool name within the team'),
        justification: z => z.string().describe('Why the team needs this'),
        lifetime: z =>
          z
            .string()
            .optional()
            .describe(
              "How long the grant lasts from its approval (30d); empty: the cluster's default",
            ),
        spec: z =>
          z
            .record(z.string(), z.unknown())
            .optional()
            .describe('The pool spec (not for decommission)'),
      },
      output: {
        requestId: z =>
          z
            .string()
            .optional()
            .describe('The id of the filed request (not in a dry run)'),
        requestUrl: z => z.string().describe('Where to follow the request'),
        poolUrl: z =>
          z
            .string()
            .optional()
            .describe('The pool page, for changes to an existing pool'),
        state: z =>
          z.string().describe('The request state, or "preview" in a dry run'),
        manifests: z =>
          z
            .string()
            .optional()
            .describe('The manifests the request would apply (dry run)'),
        allowed: z =>
          z
            .boolean()
            .optional()
            .describe(
              'Whether the cluster policy allows the request (dry run)',
            ),
        verdict: z =>
          z
            .string()
            .optional()
            .describe(
              'The policy verdict with every violation, cost ceiling and budget left, in a sentence (dry run)',
            ),
        impact: z =>
          z
            .string()
            .optional()
            .describe('What applying it does to running nodes (dry run)'),
        serverVerdict: z =>
          z
            .string()
            .optional()
            .describe(
              "The target cluster's API server's verdict on a dry-run apply, in a sentence (dry run; absent when it was not asked)",
            ),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { lifetime, ...rest } = ctx.input;
      // An empty form field renders as an empty string: it means "the cluster's default".
      const request = lifetime?.trim() ? { ...rest, lifetime } : rest;
      if (ctx.isDryRun) {
        const result = await options.client
          .previewRequest(request, credentials)
          .catch(error => asInputError(error));
        ctx.output('state', 'preview');
        ctx.output('requestUrl', `${options.appBaseUrl}/nodepools`);
        const outputs = outputPreview(ctx, result);
        ctx.logger.info(
          `Preview: ${outputs.verdict}${
            outputs.serverVerdict ? ` ${outputs.serverVerdict}` : ''
          }`,
        );
        return;
      }
      // The checkpoint records the filed request; a retried step returns it instead of filing again.
      const filed = await ctx.checkpoint({
        key: `nodepools-request-${request.kind}-${request.owner}-${request.cluster}-${request.pool}`,
        fn: async () => {
          const created = await options.client
            .fileRequest(request, credentials)
            .catch(error => asInputError(error));
          return {
            id: created.id,
            state: created.state,
            poolId: created.poolId ?? null,
          };
        },
      });
      ctx.output('requestId', filed.id);
      ctx.output('state', filed.state);
      ctx.output(
        'requestUrl',
        `${options.appBaseUrl}/nodepools/requests/${filed.id}`,
      );
      if (filed.poolId)
        ctx.output(
          'poolUrl',
          `${options.appBaseUrl}/nodepools/pools/${filed.poolId}`,
        );
      ctx.logger.info(
        `Filed ${request.kind} request ${filed.id} for pool ${request.pool} on ${request.cluster}; it waits for approval`,
      );
    },
  });
}
