import { tailFile } from '../util/tailFile.ts';
import type { StateFiles } from './stateFiles.ts';

/** A failed start's error with the tails of the logs that explain it, Karpenter mode's too. */
export function startFailure(
  error: unknown,
  files: StateFiles,
  karpenterMode: boolean,
): Error {
  return new Error(
    `${(error as Error).message}\n--- kube-apiserver.log (tail) ---\n${tailFile(
      files.apiserverLog,
    )}\n` +
      `--- etcd.log (tail) ---\n${tailFile(
        files.etcdLog,
      )}\n--- supervisor.log ---\n${tailFile(files.supervisorLog)}${
        karpenterMode
          ? `\n--- karpenter.log (tail) ---\n${tailFile(
              files.karpenterLog,
            )}\n--- kube-controller-manager.log (tail) ---\n${tailFile(
              files.controllerManagerLog,
            )}\n--- kube-scheduler.log (tail) ---\n${tailFile(
              files.schedulerLog,
            )}\n--- kwok.log (tail) ---\n${tailFile(files.kwokLog)}`
          : ''
      }`,
  );
}
