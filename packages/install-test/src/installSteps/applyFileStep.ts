import fs from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { deepMerge } from './deepMerge.ts';
import { InstallStepError, type FileStep } from './InstallStep.ts';

/**
 * Applies one file step inside the app at `appRoot`. `file` is the step's path as it applies to
 * this app (a legacy step's `packages/app/...` mapped to the legacy frontend's folder). A file or
 * anchor the step expects but the app does not have is an {@link InstallStepError}: the README
 * would not work for a user either.
 */
export function applyFileStep(
  step: FileStep,
  appRoot: string,
  file: string = step.path,
): void {
  const failure = (message: string) =>
    new InstallStepError(step.source, `${step.op} ${file}: ${message}`);
  const target = path.resolve(appRoot, file);
  if (path.relative(appRoot, target).startsWith('..')) {
    throw failure('the path leaves the app');
  }
  if (step.op === 'create') {
    if (fs.existsSync(target)) throw failure('the file already exists');
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, withFinalNewline(step.lines.join('\n')));
    return;
  }
  if (!fs.existsSync(target))
    throw failure('no such file in the generated app');
  const text = fs.readFileSync(target, 'utf8');
  switch (step.op) {
    case 'merge': {
      const patch = parseYaml(step.lines.join('\n'), 'the block', failure);
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw failure('the block must be a YAML map');
      }
      const current = parseYaml(text, 'the file', failure) ?? {};
      fs.writeFileSync(target, stringify(deepMerge(current, patch)));
      return;
    }
    case 'insert': {
      const lines = splitLines(text);
      let at: number;
      if (step.position === 'top') at = 0;
      else if (step.position === 'bottom') at = lines.length;
      else {
        const found = lines.findIndex(line => line.includes(step.anchor!));
        if (found < 0)
          throw failure(`no line contains the anchor "${step.anchor}"`);
        at = step.position === 'before' ? found : found + 1;
      }
      lines.splice(at, 0, ...step.lines);
      fs.writeFileSync(target, withFinalNewline(lines.join('\n')));
      return;
    }
    case 'remove': {
      const lines = splitLines(text);
      const wanted = trimBlankEnds(step.lines).map(l => l.trim());
      if (wanted.length === 0) throw failure('the block is empty');
      const at = lines.findIndex((_, i) =>
        wanted.every((w, j) => lines[i + j]?.trim() === w),
      );
      if (at < 0)
        throw failure(`these lines are not in the file:\n${wanted.join('\n')}`);
      lines.splice(at, wanted.length);
      fs.writeFileSync(target, withFinalNewline(lines.join('\n')));
      return;
    }
    default:
      throw failure('unsupported step');
  }
}

function parseYaml(
  text: string,
  what: string,
  failure: (message: string) => Error,
): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw failure(`${what} is not valid YAML: ${(error as Error).message}`);
  }
}

/** The file's lines without the empty string a final newline leaves. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function trimBlankEnds(lines: string[]): string[] {
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from].trim() === '') from++;
  while (to > from && lines[to - 1].trim() === '') to--;
  return lines.slice(from, to);
}

function withFinalNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
