// `yarn cluster:start`: start the local control plane (building it first if needed) and leave it
// running detached until `yarn cluster:stop`. `--karpenter` (or NODEPOOLS_KARPENTER=1) adds
// kube-scheduler, kube-controller-manager, kwok and Karpenter, so NodePools really get nodes.
import { startControlPlane } from '../runtime/startControlPlane.ts';
import { describeControlPlane } from './describeControlPlane.ts';
import { wantsKarpenter } from './wantsKarpenter.ts';

const startedAt = Date.now();
Promise.resolve()
  .then(() =>
    startControlPlane({
      karpenter: wantsKarpenter(process.argv.slice(2), process.env),
    }),
  )
  .then(plane => {
    const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
    process.stdout.write(
      plane.alreadyRunning
        ? `Already running and healthy; nothing to do.\n${describeControlPlane(
            plane,
          )}`
        : `Started in ${seconds}s.\n${describeControlPlane(plane)}`,
    );
  })
  .catch((error: Error) => {
    process.stderr.write(`cluster:start failed: ${error.message}\n`);
    process.exit(1);
  });
