/**
 * The install-step convention of the plugin READMEs: parse the steps, plan them for an app's
 * frontends, apply file steps and rewrite package adds to packed tarballs.
 *
 * @packageDocumentation
 */

export * from './installSteps/InstallStep.ts';
export { parseInstallSteps } from './installSteps/parseInstallSteps.ts';
export { applyFileStep } from './installSteps/applyFileStep.ts';
export { deepMerge } from './installSteps/deepMerge.ts';
export {
  mapToFrontend,
  planInstallSteps,
} from './installSteps/planInstallSteps.ts';
export type { Frontend, PlannedStep } from './installSteps/planInstallSteps.ts';
export {
  rewriteRunCommand,
  runCommands,
} from './installSteps/rewriteRunCommand.ts';
export type { Tarballs } from './installSteps/rewriteRunCommand.ts';
