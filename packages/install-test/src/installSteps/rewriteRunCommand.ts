/** Where each of our packed packages is: package name to tarball path. */
export type Tarballs = ReadonlyMap<string, string>;

const OURS = /^(@nodepools\/[^@\s]+)(?:@\S*)?$/;

/**
 * A README's `yarn ... add @nodepools/foo` as the test runs it: every `@nodepools/*` package
 * (with or without a version) becomes `@nodepools/foo@file:<tarball>`, so it is installed from the
 * tarball this run packed instead of the registry. Other commands are returned unchanged. A
 * `@nodepools/*` package that no tarball provides is an error: the README names a package we do
 * not publish.
 */
export function rewriteRunCommand(command: string, tarballs: Tarballs): string {
  const words = command.trim().split(/\s+/);
  if (words[0] !== 'yarn' || !words.includes('add')) return command;
  return words
    .map(word => {
      const ours = OURS.exec(word);
      if (!ours) return word;
      const tarball = tarballs.get(ours[1]);
      if (!tarball) {
        throw new Error(
          `"${command}" adds ${
            ours[1]
          }, which is not one of the packed packages (${[
            ...tarballs.keys(),
          ].join(', ')})`,
        );
      }
      return shellWord(`${ours[1]}@file:${tarball}`);
    })
    .join(' ');
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word)
    ? word
    : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * The commands of a run block: non-empty lines that are not `#` comments, a line ending in a
 * backslash joined with the next as the shell would.
 */
export function runCommands(lines: string[]): string[] {
  const commands: string[] = [];
  let pending = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!pending && (!line || line.startsWith('#'))) continue;
    if (line.endsWith('\\')) {
      pending += `${line.slice(0, -1).trimEnd()} `;
      continue;
    }
    commands.push(`${pending}${line}`.trim());
    pending = '';
  }
  if (pending.trim()) commands.push(pending.trim());
  return commands;
}
