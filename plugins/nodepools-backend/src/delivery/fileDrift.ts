import { parseAllDocuments } from 'yaml';
import type { VersionedPool } from '../database/NodePoolsStore';
import { findDrift } from '../reconciler/findDrift';
import type { KubeObject } from '../reconciler/KubeObject';
import type { ReconcileContext } from '../reconciler/ReconcileContext';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { poolFilePath } from './deliveryFiles';
import type { GitDelivery } from './GitDelivery';

/** One drift finding: the pool's `lastError` line and its event's data. */
export interface DriftFinding {
  message: string;
  data: Record<string, unknown>;
}

/**
 * Where the pool's file on the base branch differs from the approval: someone committed to it
 * past the portal, and the GitOps controller will sync that, not the approval. Compared as the
 * cluster is (findDrift on the NodePool), so reformatting the file is not drift. Who changed it
 * is the last commit touching the file; asked only when the file differs (one more request).
 */
export async function fileDrift(
  ctx: ReconcileContext,
  delivery: GitDelivery,
  /** The base branch's files, read once per pass. */
  read: (path: string) => Promise<string | null>,
  pool: VersionedPool,
): Promise<DriftFinding | undefined> {
  const { repository, branch } = delivery.config;
  const path = poolFilePath(delivery.config, ctx.cluster.name, pool);
  const rendered = renderPoolObject(pool, ctx.cluster.policy);
  const text = await read(path);
  const inGit = text === null ? undefined : nodePoolIn(text);
  const paths = inGit ? findDrift(rendered, inGit) : ['(object)'];
  if (paths.length === 0) return undefined;
  const author = await delivery.lastAuthorOnBase(path).catch(() => undefined);
  const where = `the file ${path} in ${repository}@${branch}`;
  const what =
    text === null
      ? 'is missing'
      : `differs from the approval (${
          inGit ? paths.join(', ') : 'it holds no NodePool'
        })`;
  const who =
    text === null ? '' : `; last changed by ${author ?? 'someone not known'}`;
  return {
    message: `drift: ${where} ${what}${who}; the GitOps controller will sync it, not the approval`,
    data: { file: path, paths, ...(author ? { author } : {}) },
  };
}

/** The file's NodePool document; undefined when it holds none (or is not YAML). */
function nodePoolIn(text: string): KubeObject | undefined {
  try {
    return (
      parseAllDocuments(text)
        .map(doc => doc.toJSON() as KubeObject | null)
        .find(object => object?.kind === 'NodePool') ?? undefined
    );
  } catch {
    return undefined;
  }
}
