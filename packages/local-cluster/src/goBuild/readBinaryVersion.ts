import { execFile } from 'node:child_process';
import fs from 'node:fs';

/**
 * Runs `<binary> --version` and returns its output, or undefined when the binary is missing or
 * broken. The cache is trusted only if the binary itself reports the wanted version.
 */
export function readBinaryVersion(binary: string): Promise<string | undefined> {
  if (!fs.existsSync(binary)) return Promise.resolve(undefined);
  return new Promise(resolve => {
    execFile(binary, ['--version'], { timeout: 15_000 }, (error, stdout) => {
      resolve(error ? undefined : stdout);
    });
  });
}

/** kube-apiserver prints `Kubernetes v1.34.12`. */
export function reportsKubernetesVersion(
  output: string | undefined,
  version: string,
): boolean {
  return output?.trim().split(/\s+/).includes(version) ?? false;
}

/** etcd prints `etcd Version: 3.6.16` (no leading v). */
export function reportsEtcdVersion(
  output: string | undefined,
  version: string,
): boolean {
  return (
    /etcd Version: (\S+)/.exec(output ?? '')?.[1] === version.replace(/^v/, '')
  );
}
