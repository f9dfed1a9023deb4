import {
  InstallStepError,
  type InstallScope,
  type InstallStep,
  type StepSource,
} from './InstallStep.ts';

const MARKER = /^\s*<!--\s*install-step(?:\[([^\]]*)\])?\s*:\s*(.*?)\s*-->\s*$/;
/** Anything that looks like a marker; one the pattern above rejects is a mistake, not prose. */
const MARKER_LIKE = /<!--\s*install-step/;
const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;

const USAGE = {
  run: 'run',
  remove: 'remove <path>',
  merge: 'merge <path>',
  create: 'create <path>',
  insert: 'insert <path> before "<anchor>", after "<anchor>", top or bottom',
};

const SCOPES: Record<string, InstallScope> = { nfs: 'nfs', legacy: 'legacy' };
const LANGUAGES: Partial<Record<InstallStep['op'], string[]>> = {
  run: ['sh', 'bash', 'shell'],
  merge: ['yaml', 'yml'],
};

/**
 * Reads every `<!-- install-step: ... -->` marker of a README with the fenced code block that
 * follows it, in order. Markers inside code blocks are examples, not steps. Throws
 * {@link InstallStepError} for a marker it cannot read, so a README typo fails loudly.
 */
export function parseInstallSteps(
  markdown: string,
  file: string,
): InstallStep[] {
  const lines = markdown.split(/\r?\n/);
  const steps: InstallStep[] = [];
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      fence = open[2];
      continue;
    }
    if (!MARKER_LIKE.test(line)) continue;
    const source = { file, line: i + 1 };
    const marker = MARKER.exec(line);
    if (!marker) {
      throw new InstallStepError(
        source,
        `cannot read the marker ${JSON.stringify(line.trim())}; ` +
          'expected <!-- install-step: <op> ... --> or install-step[nfs|legacy]:',
      );
    }
    const block = readBlock(lines, i + 1, source);
    steps.push(
      parseStep(marker[1], marker[2], source, block.language, block.lines),
    );
    i = block.end;
  }
  return steps;
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim();
  return (
    trimmed.startsWith(fence) && trimmed.replaceAll(fence[0], '').length === 0
  );
}

/** The fenced block after a marker (blank lines before it allowed) and the index of its last line. */
function readBlock(lines: string[], from: number, source: StepSource) {
  let i = from;
  while (i < lines.length && lines[i].trim() === '') i++;
  const open = i < lines.length ? FENCE_OPEN.exec(lines[i]) : null;
  if (!open) {
    throw new InstallStepError(
      source,
      'the marker must be followed by a fenced code block',
    );
  }
  const [, indent, fence, language] = open;
  const body: string[] = [];
  for (let j = i + 1; j < lines.length; j++) {
    if (closesFence(lines[j], fence)) {
      return { language: language.toLowerCase(), lines: body, end: j };
    }
    body.push(dedent(lines[j], indent.length));
  }
  throw new InstallStepError(source, 'its code block is never closed');
}

/** Removes up to `width` leading spaces: a block indented under a list item keeps its own. */
function dedent(line: string, width: number): string {
  let cut = 0;
  while (cut < width && line[cut] === ' ') cut++;
  return line.slice(cut);
}

function parseStep(
  rawScope: string | undefined,
  spec: string,
  source: StepSource,
  language: string,
  lines: string[],
): InstallStep {
  let scope: InstallScope = 'all';
  if (rawScope !== undefined) {
    const known = SCOPES[rawScope.trim()];
    if (!known) {
      throw new InstallStepError(
        source,
        `unknown scope [${rawScope}]; expected [nfs] or [legacy]`,
      );
    }
    scope = known;
  }
  const base = { source, scope, language, lines };
  // op, path, then the rest verbatim: an anchor keeps its own spacing.
  const [, op, path, tail = ''] =
    /^(\S+)(?:\s+(\S+))?(?:\s+(.*))?$/.exec(spec) ?? [];
  const step = ((): InstallStep | undefined => {
    switch (op) {
      case 'run':
        return path === undefined ? { ...base, op } : undefined;
      case 'remove':
      case 'merge':
      case 'create':
        return path && !tail ? { ...base, op, path } : undefined;
      case 'insert':
        return path ? parseInsert(base, path, tail) : undefined;
      default:
        throw new InstallStepError(
          source,
          `unknown operation "${
            op ?? ''
          }"; expected run, insert, remove, merge or create`,
        );
    }
  })();
  if (!step) {
    throw new InstallStepError(
      source,
      `cannot read "${spec}"; expected ${USAGE[op as keyof typeof USAGE]}`,
    );
  }
  const allowed = LANGUAGES[step.op];
  if (allowed && !allowed.includes(language)) {
    throw new InstallStepError(
      source,
      `a ${step.op} step needs a \`\`\`${allowed[0]} block, not "${language}"`,
    );
  }
  return step;
}

function parseInsert(
  base: Omit<InstallStep, 'op'>,
  path: string,
  tail: string,
): InstallStep | undefined {
  if (tail === 'top' || tail === 'bottom') {
    return { ...base, op: 'insert', path, position: tail };
  }
  const anchored = /^(before|after)\s+"(.+)"$/.exec(tail);
  if (!anchored) return undefined;
  const position = anchored[1] as 'before' | 'after';
  return { ...base, op: 'insert', path, position, anchor: anchored[2] };
}
