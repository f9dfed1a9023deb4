// `yarn workspace @nodepools/local-cluster status`: is it running, where, and how much memory.
import { readJsonFile } from '../runtime/LaunchPlan.ts';
import type { ControlPlaneConnection } from '../runtime/ControlPlaneConnection.ts';
import { stateFiles } from '../runtime/stateFiles.ts';
import { runningProcesses } from '../runtime/stopControlPlane.ts';
import { resolveLayout } from '../util/resolveLayout.ts';
import { describeControlPlane } from './describeControlPlane.ts';

const files = stateFiles(resolveLayout().stateDir);
const connection = readJsonFile<ControlPlaneConnection>(files.connectionFile);
if (!connection || runningProcesses(files.stateDir).length === 0) {
  process.stdout.write(`Not running (state dir ${files.stateDir}).\n`);
  process.exitCode = 1;
} else {
  process.stdout.write(describeControlPlane(connection));
}
