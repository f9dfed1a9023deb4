import { InputError, NotAllowedError } from '@backstage/errors';
import type { RequestPreviewResult } from '@nodepools/plugin-nodepools-common';
import { NodePoolsRequestRefusedError } from '@nodepools/plugin-nodepools-node';

/**
 * The backend's refusal of a request (400, 403, 409) as the scaffolder's own errors, listing every
 * field at fault and every violation; `prefix` names the input that held the request.
 */
export function asInputError(error: unknown, prefix = ''): never {
  if (error instanceof NodePoolsRequestRefusedError) {
    const details = [...error.fieldErrors, ...error.violations]
      .map(e => `${prefix}${e.path}: ${e.message}`)
      .join('; ');
    const message = details
      ? `${error.message.split(':')[0]}: ${details}`
      : error.message;
    if (error.status === 403) throw new NotAllowedError(message);
    throw new InputError(message);
  }
  throw error;
}

/** The preview's policy verdict, cost ceiling and budget left, as one sentence for the template's output. */
function describeVerdict({
  policy,
  cost,
  budgetAfter,
}: RequestPreviewResult['preview']): string {
  const verdict = policy.allowed
    ? 'Within the cluster policy.'
    : `Refused by the cluster policy: ${policy.violations
        .map(v => `${v.path}: ${v.message}`)
        .join('; ')}.`;
  const ceiling = cost
    ? ` Monthly cost ceiling ${costRange(cost)} ${cost.currency}.`
    : '';
  return `${verdict}${ceiling} Team budget left on the cluster afterwards: ${budgetAfter.cpu} CPU, ${budgetAfter.memory} memory, ${budgetAfter.gpu} GPU.`;
}

/** The monthly cost ceiling: one capacity type (or equal prices) has one figure, not a range. */
export function costRange(cost: { low: number; high: number }): string {
  return cost.low === cost.high ? `${cost.low}` : `${cost.low}–${cost.high}`;
}

/**
 * What the target cluster's API server said of the request (a dry-run apply judged by its own
 * Karpenter CRDs), in a sentence; undefined when the backend did not ask it.
 */
function describeServerVerdict(
  server: RequestPreviewResult['server'],
): string | undefined {
  if (!server?.verdicts.length) return undefined;
  const refused = server.verdicts.filter(v => v.verdict === 'refused');
  if (refused.length > 0)
    return `Refused by ${server.cluster}'s API server (${
      server.validator
    }): ${refused.map(v => `${v.kind} ${v.name}: ${v.message}`).join('; ')}.`;
  if (server.verdicts.every(v => v.verdict === 'accepted'))
    return `Accepted by ${server.cluster}'s API server (${server.validator}).`;
  return `Not checked by ${server.cluster}'s API server: ${server.verdicts
    .filter(v => v.verdict !== 'accepted')
    .map(v => v.message)
    .join('; ')}.`;
}

/** The backend's preview as the outputs both actions give it (`serverVerdict` only when asked). */
function previewOutputs({ preview, server }: RequestPreviewResult) {
  const serverVerdict = describeServerVerdict(server);
  return {
    manifests: preview.manifestsYaml,
    allowed: preview.policy.allowed,
    verdict: describeVerdict(preview),
    impact: preview.impactSummary,
    ...(serverVerdict ? { serverVerdict } : {}),
  };
}

type PreviewOutputs = ReturnType<typeof previewOutputs>;

/**
 * Writes the outputs both actions give a preview through the step's context (`ctx.output`), and
 * returns them, for the step's log.
 */
export function outputPreview(
  ctx: {
    output(name: keyof PreviewOutputs, value: string | boolean): void;
  },
  result: RequestPreviewResult,
): PreviewOutputs {
  const outputs = previewOutputs(result);
  for (const [name, value] of Object.entries(outputs))
    ctx.output(name as keyof PreviewOutputs, value);
  return outputs;
}
