import type { FileStep, InstallStep, RunStep } from './InstallStep.ts';
import { runCommands } from './rewriteRunCommand.ts';

/** A frontend package of the test app that steps are applied to. */
export interface Frontend {
  system: 'nfs' | 'legacy';
  /** Its folder in the app: where a README's `packages/app` points for this frontend. */
  dir: string;
  /** Its workspace name, for `yarn workspace app ...`. */
  workspace: string;
}

/** A step as it applies to this app: paths and commands mapped to one frontend. */
export type PlannedStep =
  | { step: RunStep; command: string; frontend?: Frontend }
  | { step: FileStep; path: string; frontend?: Frontend };

const APP_DIR = /(?<![\w./-])packages\/app(?![\w.-])/g;
const APP_WORKSPACE = /(\bworkspace\s+)app(?=\s|$)/g;

function touchesFrontend(text: string): boolean {
  return new RegExp(APP_DIR).test(text) || new RegExp(APP_WORKSPACE).test(text);
}

/** Rewrites `packages/app` and `yarn workspace app` to the given frontend. */
export function mapToFrontend(text: string, frontend: Frontend): string {
  return text
    .replace(APP_DIR, frontend.dir)
    .replace(APP_WORKSPACE, `$1${frontend.workspace}`);
}

/**
 * Expands the READMEs' steps for an app with these frontends, keeping their order. A README
 * writes frontend paths as `packages/app/...` (what create-app generates); a test app with a
 * second, legacy frontend in another folder gets `[legacy]` steps mapped there, and plain steps
 * that touch `packages/app` once per frontend. A run block is planned command by command.
 * `[nfs]`/`[legacy]` steps for a frontend the app lacks are left out; whatever touches no
 * frontend applies once.
 */
export function planInstallSteps(
  steps: InstallStep[],
  frontends: Frontend[],
): PlannedStep[] {
  const planned: PlannedStep[] = [];
  for (const step of steps) {
    const matching =
      step.scope === 'all'
        ? frontends
        : frontends.filter(f => f.system === step.scope);
    if (matching.length === 0) continue;
    // Each command of a run block on its own: the backend's add runs once, the frontend's per app.
    const units = step.op === 'run' ? runCommands(step.lines) : [step.path];
    for (const unit of units) {
      const targets = touchesFrontend(unit) ? matching : [undefined];
      for (const frontend of targets) {
        const mapped = frontend ? mapToFrontend(unit, frontend) : unit;
        planned.push(
          step.op === 'run'
            ? { step, command: mapped, frontend }
            : { step, path: mapped, frontend },
        );
      }
    }
  }
  return planned;
}
