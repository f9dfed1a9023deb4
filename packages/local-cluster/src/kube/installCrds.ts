import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeApiError } from './KubeApiError.ts';
import type { KubeClient } from './KubeClient.ts';
import type { KubeObject } from './resourcePath.ts';

const FIELD_MANAGER = 'nodepools-local-cluster';

interface CrdStatus {
  status?: {
    conditions?: Array<{ type: string; status: string; message?: string }>;
  };
}

/** The `*.yaml` files of a folder of CRDs, sorted. */
export function crdFilesIn(dir: string): string[] {
  if (!fs.existsSync(dir)) throw new Error(`CRD folder ${dir} does not exist`);
  return fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.yaml'))
    .sort()
    .map(f => path.join(dir, f));
}

/** Reads every CustomResourceDefinition in these YAML files; each must hold at least one. */
export function readCrdFiles(files: string[]): KubeObject[] {
  return files.flatMap(file => {
    const crds = parseAllDocuments(fs.readFileSync(file, 'utf8'))
      .map(doc => doc.toJS() as KubeObject | null)
      .filter(
        (object): object is KubeObject =>
          object?.kind === 'CustomResourceDefinition',
      );
    if (crds.length === 0)
      throw new Error(`No CustomResourceDefinition in ${file}`);
    return crds;
  });
}

/**
 * Installs CRDs with server-side apply and waits until each reports `Established` (its REST
 * endpoint serves) and `NamesAccepted`. Returns the CRD names.
 */
export async function installCrds(
  admin: KubeClient,
  crds: KubeObject[],
  timeoutMs = 60_000,
): Promise<string[]> {
  for (const crd of crds) await admin.apply(crd, FIELD_MANAGER);
  const deadline = Date.now() + timeoutMs;
  const names = crds.map(crd => crd.metadata.name);
  for (const name of names) {
    for (;;) {
      const crd = await admin.request<CrdStatus>(
        'GET',
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
      );
      const conditions = crd.status?.conditions ?? [];
      const isTrue = (type: string) =>
        conditions.some(c => c.type === type && c.status === 'True');
      if (isTrue('Established') && isTrue('NamesAccepted')) break;
      if (Date.now() > deadline) {
        throw new Error(
          `CRD ${name} not Established after ${timeoutMs}ms: ${JSON.stringify(
            conditions,
          )}`,
        );
      }
      await new Promise(r => setTimeout(r, 100));
    }
  }
  return names;
}

/**
 * Applies an object of a freshly established CRD. Right after `Established` the new resource may
 * still be missing from the aggregated discovery for a moment; retry 404s briefly.
 */
export async function applyCustomObject(
  admin: KubeClient,
  object: KubeObject,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await admin.apply(object, FIELD_MANAGER);
      return;
    } catch (error) {
      if (
        !(error instanceof KubeApiError && error.statusCode === 404) ||
        Date.now() > deadline
      ) {
        throw error;
      }
      await new Promise(r => setTimeout(r, 200));
    }
  }
}
