import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { InputError } from '@backstage/errors';
import { previewRequest } from '@nodepools/plugin-nodepools-common';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';

/**
 * `nodepools:preview`: renders what a pool request would apply, with the cluster's policy verdict,
 * drift impact and cost ceiling. It changes nothing, so it runs in template dry runs too.
 */
export function createPreviewAction(options: { config: NodePoolsConfig }) {
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
      },
    },
    async handler(ctx) {
      const clusterName = ctx.input.request.cluster;
      const cluster = options.config.clusters.find(c => c.name === clusterName);
      if (!cluster) {
        throw new InputError(
          `request.cluster: "${String(
            clusterName,
          )}" is not a configured cluster (${
            options.config.clusters.map(c => c.name).join(', ') ||
            'none configured'
          })`,
        );
      }
      // Existing pools are not known to this module yet: budget and name checks happen in the backend.
      const result = previewRequest({
        request: ctx.input.request,
        policy: cluster.policy,
        currentPools: [],
      });
      if (!result.ok) {
        throw new InputError(
          result.errors.map(e => `request.${e.path}: ${e.message}`).join('; '),
        );
      }
      const { preview } = result;
      ctx.output('manifests', preview.manifestsYaml);
      ctx.output('allowed', preview.policy.allowed);
      ctx.output(
        'violations',
        preview.policy.violations.map(v => `${v.path}: ${v.message}`),
      );
      ctx.output(
        'monthlyCeiling',
        preview.cost
          ? `${preview.cost.low}–${preview.cost.high} ${preview.cost.currency}`
          : 'n/a',
      );
      ctx.logger.info(
        `Preview for ${preview.request.kind} ${preview.request.pool} on ${
          cluster.name
        }: ${preview.policy.allowed ? 'allowed' : 'refused by policy'}`,
      );
    },
  });
}
