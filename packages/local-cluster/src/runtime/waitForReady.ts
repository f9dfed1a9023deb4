import fs from 'node:fs';
import { KubeClient } from '../kube/KubeClient.ts';
import { isProcessAlive } from '../util/isProcessAlive.ts';
import type { StateFiles } from './stateFiles.ts';

/** The serving cert bundle once both PEM blocks (cert and CA) are fully written. */
function readCompletePem(file: string): string | undefined {
  try {
    const pem = fs.readFileSync(file, 'utf8');
    return (pem.match(/-----END CERTIFICATE-----/g) ?? []).length >= 2
      ? pem
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Polls `/readyz` until it answers ok and returns a client trusting the serving cert; fails
 * early if the supervisor (and so a child) died.
 */
export async function waitForReady(
  server: string,
  token: string,
  files: StateFiles,
  supervisorPid: number,
  timeoutMs: number,
): Promise<KubeClient> {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'serving certificate not written yet';
  for (;;) {
    if (!isProcessAlive(supervisorPid)) {
      throw new Error(`The control plane exited during start (${lastError})`);
    }
    const pem = readCompletePem(files.servingCert);
    if (pem) {
      const client = new KubeClient({
        server,
        token,
        caData: Buffer.from(pem).toString('base64'),
      });
      try {
        await client.request('GET', '/readyz', { timeoutMs: 5_000 });
        return client;
      } catch (error) {
        lastError = (error as Error).message;
        client.close();
      }
    }
    if (Date.now() > deadline) {
      throw new Error(
        `kube-apiserver not ready after ${timeoutMs}ms: ${lastError}`,
      );
    }
    await new Promise(r => setTimeout(r, 150));
  }
}
