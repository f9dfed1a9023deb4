/** Which frontend system a step is for: both (a plain `install-step:`), or one of them. */
export type InstallScope = 'all' | 'nfs' | 'legacy';

/** Where the step was written, for messages that point at the README line. */
export interface StepSource {
  file: string;
  /** 1-based line of the `<!-- install-step ... -->` marker. */
  line: number;
}

interface StepBase {
  source: StepSource;
  scope: InstallScope;
  /** The fenced block's info string (`sh`, `ts`, `yaml`, ...), empty when it has none. */
  language: string;
  /** The block's lines, with the fence's own indentation removed. */
  lines: string[];
}

/** Shell commands run from the app's root, one per non-empty, non-comment line. */
export interface RunStep extends StepBase {
  op: 'run';
}

/** Lines inserted next to the first line containing `anchor`, or at the top or end of the file. */
export interface InsertStep extends StepBase {
  op: 'insert';
  path: string;
  position: 'before' | 'after' | 'top' | 'bottom';
  /** Set for `before` and `after`. */
  anchor?: string;
}

/** Lines removed from a file (they must be there, in this order). */
export interface RemoveStep extends StepBase {
  op: 'remove';
  path: string;
}

/** A YAML document deep-merged into a YAML file. */
export interface MergeStep extends StepBase {
  op: 'merge';
  path: string;
}

/** A new file with the block as its content. */
export interface CreateStep extends StepBase {
  op: 'create';
  path: string;
}

/** One installation step as a plugin README writes it. */
export type InstallStep =
  | RunStep
  | InsertStep
  | RemoveStep
  | MergeStep
  | CreateStep;

/** A step that edits one file (every op but `run`). */
export type FileStep = Exclude<InstallStep, RunStep>;

/** A README step that cannot be parsed or applied; the message names the README line. */
export class InstallStepError extends Error {
  constructor(source: StepSource, message: string) {
    super(`${source.file}:${source.line}: ${message}`);
    this.name = 'InstallStepError';
  }
}
