import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { NodePoolsClient } from '@nodepools/plugin-nodepools-node';
import { asInputError, costRange, outputPreview } from './previewOutputs';

/** The part of the backend client the action uses. */
export type RequestPreviewer = Pick<NodePoolsClient, 'previewRequest'>;

/**
 * `nodepools:preview`: what a pool request would do, as the backend's own preview answers it for
 * the user who runs the template (the team's other pools and budget, the names taken on the
 * cluster, the node class warnings and the API server's dry-run verdict included), so it never
 * says otherwise than the approval view will. It files nothing, so it runs in template dry runs
 * too; unlike `nodepools:request`, it previews in a real run as well.
 */
export function createPreviewAction(options: { client: RequestPreviewer }) {
  return createTemplateAction({
    id: 'nodepools:preview',
    description:
      'Previews a node pool request: the NodePool that would be applied, policy results and cost.',
    supportsDryRun: true,
    schema: {
      input: {
        request: z =>
          z
            .record(z.string(), z.unknown())
            .describe(
              'The pool request: kind, owner, cluster, pool, spec, justification',
            ),
      },
      output: {
        manifests: z => z.string().describe('The rendered manifests as YAML'),
        allowed: z =>
          z.boolean().describe('Whether the cluster policy allows the request'),
        violations: z =>
          z.array(z.string()).describe('Policy violations, one sentence each'),
        monthlyCeiling: z =>
          z.string().describe('The monthly cost ceiling implied by the limits'),
        verdict: z =>
          z
            .string()
            .describe(
              'The policy verdict with every violation, cost ceiling and budget left, in a sentence',
            ),
        impact: z =>
          z.string().describe('What applying it does to running nodes'),
        warnings: z =>
          z
            .array(z.string())
            .describe(
              'What the backend warns about the cluster (e.g. a node class that is not Ready)',
            ),
        serverVerdict: z =>
          z
            .string()
            .optional()
            .describe(
              "The target cluster's API server's verdict on a dry-run apply, in a sentence (absent when it was not asked)",
            ),
      },
    },
    async handler(ctx) {
      const result = await options.client
        .previewRequest(ctx.input.request, await ctx.getInitiatorCredentials())
        .catch(error => asInputError(error, 'request.'));
      const { preview } = result;
      const { verdict } = outputPreview(ctx, result);
      ctx.output(
        'violations',
        preview.policy.violations.map(v => `${v.path}: ${v.message}`),
      );
      ctx.output(
        'monthlyCeiling',
        preview.cost
          ? `${costRange(preview.cost)} ${preview.cost.currency}`
          : 'n/a',
      );
      ctx.output('warnings', result.warnings);
      ctx.logger.info(
        `Preview for ${preview.request.kind} ${preview.request.pool} on ${preview.request.cluster}: ${verdict}`,
      );
    },
  });
}
