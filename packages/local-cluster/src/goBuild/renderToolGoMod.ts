/**
 * The go.mod of a throwaway module that builds one tool's main package from a module that needs no
 * replace directives (kwok, Karpenter's kwok provider). `go install pkg@version` would work for
 * these too, but a module of our own keeps every binary built the same way: under the cache, with
 * the same flags, into a temp file that is renamed into place, behind the same build lock.
 */
export function renderToolGoMod(
  buildModule: string,
  required: string,
  version: string,
  goVersion: string,
): string {
  return [
    `module nodepools.local/${buildModule}`,
    '',
    `go ${goVersion}`,
    '',
    `require ${required} ${version}`,
    '',
  ].join('\n');
}
