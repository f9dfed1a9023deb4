import fs from 'node:fs';
import path from 'node:path';
import {
  applyFileStep,
  parseInstallSteps,
  planInstallSteps,
  rewriteRunCommand,
  type Frontend,
  type PlannedStep,
} from '../src/index.ts';
import { appEnv } from './appEnv.ts';
import type { PackedPackage } from './packPlugins.ts';
import { APP_DIR, REPO_ROOT } from './paths.ts';
import { LEGACY_FRONTEND } from './pristineApp.ts';
import { run } from './run.ts';
import { progress } from './stage.ts';

/** The READMEs whose steps install the suite, in the order the convention fixes. */
export const README_ORDER = [
  'plugins/nodepools-backend',
  'plugins/permission-backend-module-nodepools-policy',
  'plugins/scaffolder-backend-module-nodepools',
  'plugins/catalog-backend-module-nodepools',
  'plugins/nodepools',
];

/** The app's frontends: create-app's New Frontend System app and the legacy one beside it. */
export const FRONTENDS: Frontend[] = [
  { system: 'nfs', dir: 'packages/app', workspace: 'app' },
  { system: 'legacy', ...LEGACY_FRONTEND },
];

/** Every README's steps, planned for both frontends; a README without steps is an error. */
export function readInstallSteps(): PlannedStep[] {
  const steps = README_ORDER.flatMap(dir => {
    const file = path.join(dir, 'README.md');
    const absolute = path.join(REPO_ROOT, file);
    if (!fs.existsSync(absolute)) throw new Error(`${file} does not exist`);
    const parsed = parseInstallSteps(fs.readFileSync(absolute, 'utf8'), file);
    if (parsed.length === 0) {
      throw new Error(`${file} has no <!-- install-step: ... --> blocks`);
    }
    return parsed;
  });
  return planInstallSteps(steps, FRONTENDS);
}

/**
 * Test setup a user of the registry would not need: root `resolutions` send every
 * `@nodepools/*` name to its tarball, so the packages our packages depend on
 * (`@nodepools/plugin-nodepools-common: ^0.1.0`) come from this run's tarballs too.
 */
export function resolveOursToTarballs(packed: PackedPackage[]): void {
  const manifest = path.join(APP_DIR, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  pkg.resolutions = {
    ...pkg.resolutions,
    ...Object.fromEntries(packed.map(p => [p.name, `file:${p.tarball}`])),
  };
  fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
}

function describeStep(planned: PlannedStep): string {
  const { step } = planned;
  const where = `${step.source.file}:${step.source.line}`;
  const scope = planned.frontend ? ` [${planned.frontend.system}]` : '';
  if ('command' in planned) return `${where}${scope} run: ${planned.command}`;
  const anchor = step.op === 'insert' && step.anchor ? ` "${step.anchor}"` : '';
  const position = step.op === 'insert' ? ` ${step.position}${anchor}` : '';
  return `${where}${scope} ${step.op} ${planned.path}${position}`;
}

/** Applies the planned steps to the app in order, each printed with what it did. */
export async function applyInstallSteps(
  planned: PlannedStep[],
  packed: PackedPackage[],
  logFile: string,
): Promise<void> {
  const tarballs = new Map(packed.map(p => [p.name, p.tarball]));
  for (const step of planned) {
    const startedAt = Date.now();
    if ('command' in step) {
      const command = rewriteRunCommand(step.command, tarballs);
      await run(command, [], {
        cwd: APP_DIR,
        logFile,
        env: appEnv(),
        shell: true,
      }).catch(error => {
        throw new Error(`${describeStep(step)}: ${(error as Error).message}`);
      });
    } else {
      applyFileStep(step.step, APP_DIR, step.path);
    }
    const took = ((Date.now() - startedAt) / 1000).toFixed(1);
    progress(`${describeStep(step)} (${took}s)`);
  }
}
