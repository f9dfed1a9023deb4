// `yarn cluster:stop`: stop the control plane started by `yarn cluster:start`.
import { stopControlPlane } from '../runtime/stopControlPlane.ts';
import { resolveLayout } from '../util/resolveLayout.ts';

const { stateDir } = resolveLayout();
stopControlPlane(stateDir)
  .then(result => {
    if (!result.wasRunning)
      process.stdout.write(`No control plane running in ${stateDir}.\n`);
    else if (result.killed.length > 0) {
      process.stdout.write(
        `Stopped; had to SIGKILL: ${result.killed.join(', ')}.\n`,
      );
    } else process.stdout.write('Stopped; no process left behind.\n');
  })
  .catch((error: Error) => {
    process.stderr.write(`cluster:stop failed: ${error.message}\n`);
    process.exit(1);
  });
