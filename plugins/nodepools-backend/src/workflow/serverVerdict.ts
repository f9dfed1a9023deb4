import type {
  Manifest,
  ServerVerdict,
  ServerVerdicts,
} from '@nodepools/plugin-nodepools-common';
import type { ClusterClient } from '../reconciler/ClusterClient';
import {
  ClusterApiError,
  ClusterUnreachableError,
} from '../reconciler/ClusterErrors';
import type { KubeObject } from '../reconciler/KubeObject';

/** How long a preview waits for the target API server before it answers without its verdict. */
export const SERVER_VERDICT_TIMEOUT_MS = 2000;

/**
 * Asks the target cluster's API server to validate the NodePools a request would apply: a
 * server-side apply with `dryRun=All`, forced and under the reconciler's field manager, exactly
 * as the reconciler will apply it, so the cluster's own CRD schema and CEL rules (whatever
 * Karpenter version it runs) judge it. Tenancy objects are not asked about: they are the
 * reconciler's own, the same for every request. Never waits longer than `timeoutMs`: a slow
 * cluster must not block a form; the dry run that outlives it only writes nothing.
 */
export async function serverVerdicts(input: {
  cluster: string;
  client: ClusterClient;
  manifests: readonly Manifest[];
  /** NodePool names held by objects the portal does not manage (the taken-name violation covers them). */
  takenNames?: readonly string[];
  timeoutMs?: number;
}): Promise<ServerVerdicts> {
  const timeoutMs = input.timeoutMs ?? SERVER_VERDICT_TIMEOUT_MS;
  const nodePools = input.manifests.filter(m => m.kind === 'NodePool');
  const verdicts = await Promise.all(
    nodePools.map(manifest => {
      const { kind, metadata } = manifest;
      if (input.takenNames?.includes(metadata.name)) {
        // A dry run forced over someone else's NodePool would say "accepted", while the real
        // apply is never attempted (the reconciler leaves objects it does not own alone).
        return {
          kind,
          name: metadata.name,
          verdict: 'skipped' as const,
          message: `not asked: the name is held by a NodePool that backstage-nodepools does not manage, so it would never be applied`,
        };
      }
      return withTimeout(
        dryRunApply(input.cluster, input.client, manifest),
        timeoutMs,
        {
          kind,
          name: metadata.name,
          verdict: 'timeout' as const,
          message: `the API server of ${input.cluster} did not answer within ${timeoutMs} ms; only the portal's own checks apply`,
        },
      );
    }),
  );
  return { cluster: input.cluster, validator: 'Karpenter CRDs', verdicts };
}

/** The refusals among the verdicts, as one sentence for a 409; undefined when none refused. */
export function refusalOf(verdicts: ServerVerdicts | undefined) {
  const refused = verdicts?.verdicts.filter(v => v.verdict === 'refused');
  if (!refused?.length) return undefined;
  return `the API server of ${verdicts!.cluster} refuses ${refused
    .map(v => `${v.kind} ${v.name}: ${v.message}`)
    .join('; ')}`;
}

async function dryRunApply(
  cluster: string,
  client: ClusterClient,
  manifest: Manifest,
): Promise<ServerVerdict> {
  const { kind, metadata } = manifest;
  const name = metadata.name;
  try {
    await client.apply(manifest as unknown as KubeObject, {
      force: true,
      dryRun: true,
    });
    return {
      kind,
      name,
      verdict: 'accepted',
      message: `accepted by ${cluster}'s API server`,
    };
  } catch (error) {
    if (error instanceof ClusterApiError && error.statusCode < 500) {
      return { kind, name, verdict: 'refused', message: error.detail };
    }
    const unreachable = error instanceof ClusterUnreachableError;
    return {
      kind,
      name,
      verdict: 'unreachable',
      message: `${
        unreachable || !(error instanceof Error)
          ? `${cluster} could not be reached`
          : error.message
      }; only the portal's own checks apply`,
    };
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, late: T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<T>(resolve => {
    timer = setTimeout(() => resolve(late), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
