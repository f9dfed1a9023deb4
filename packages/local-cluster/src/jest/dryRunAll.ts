import { KubeApiError } from '../kube/KubeApiError.ts';
import type { KubeStatus } from '../kube/KubeApiError.ts';
import type { KubeClient } from '../kube/KubeClient.ts';
import type { KubeObject } from '../kube/resourcePath.ts';

/** The API server's answer to one dry run: the object it would store, or why it refused. */
export type DryRunVerdict =
  | { accepted: true; object: KubeObject }
  | { accepted: false; statusCode: number; status: KubeStatus };

/** Options of {@link dryRunAll}. */
export interface DryRunAllOptions {
  /**
   * `apply` (default): forced server-side apply under `fieldManager`, as the reconciler and the
   * preview send a NodePool. `create`: a POST, the verb whose strict-decoding message names the
   * unknown field as `unknown field "spec..."`.
   */
  verb?: 'apply' | 'create';
  fieldManager?: string;
  /** Requests in flight at once; the API server handles a few dozen without queueing. */
  concurrency?: number;
}

/** What an object sent needs: its kind and name (typed manifests need no index signature). */
export interface DryRunObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}

async function verdictOf(
  client: KubeClient,
  sent: DryRunObject,
  options: DryRunAllOptions,
): Promise<DryRunVerdict> {
  const object = sent as KubeObject;
  try {
    const stored =
      options.verb === 'create'
        ? await client.create<KubeObject>(object, {
            dryRun: true,
            fieldValidation: 'Strict',
          })
        : await client.apply<KubeObject>(
            object,
            options.fieldManager ?? 'nodepools-tests',
            { dryRun: true, fieldValidation: 'Strict' },
          );
    return { accepted: true, object: stored };
  } catch (error) {
    if (!(error instanceof KubeApiError)) throw error;
    return {
      accepted: false,
      statusCode: error.statusCode,
      status: error.status,
    };
  }
}

/**
 * Sends every object to the API server with `dryRun=All` and strict field validation, a group
 * of `concurrency` at a time, and returns its verdicts in the order of `objects`. Nothing is
 * stored, so generated objects may share names. For property tests that take the API server, with
 * the real CRDs and their CEL rules, as the oracle.
 */
export async function dryRunAll(
  client: KubeClient,
  objects: readonly DryRunObject[],
  options: DryRunAllOptions = {},
): Promise<DryRunVerdict[]> {
  const concurrency = options.concurrency ?? 25;
  const verdicts: DryRunVerdict[] = [];
  for (let start = 0; start < objects.length; start += concurrency) {
    const group = objects.slice(start, start + concurrency);
    verdicts.push(
      ...(await Promise.all(group.map(o => verdictOf(client, o, options)))),
    );
  }
  return verdicts;
}

/** One reason for a refusal: the field at fault (when the API server names one) and why. */
export interface RefusalCause {
  field?: string;
  message: string;
}

/**
 * A refusal's reasons, one per cause the API server lists; a refusal without causes (strict
 * decoding, which names the field in its message) is its whole message. Empty when accepted.
 */
export function refusalCauses(verdict: DryRunVerdict): RefusalCause[] {
  if (verdict.accepted) return [];
  const causes = verdict.status.details?.causes ?? [];
  if (causes.length === 0) return [{ message: verdict.status.message ?? '' }];
  return causes.map(c => ({ field: c.field, message: c.message ?? '' }));
}
