// Entry point of the supervisor process, run as `node supervisorMain.ts <launch-plan.json>`
// (Node strips the types itself; no transpiler is involved).
import { runSupervisor } from './runSupervisor.ts';

try {
  const planFile = process.argv[2];
  if (!planFile) throw new Error('usage: supervisorMain.ts <launch-plan.json>');
  runSupervisor(planFile);
} catch (error) {
  process.stderr.write(
    `supervisor failed: ${(error as Error).stack ?? String(error)}\n`,
  );
  process.exit(1);
}
