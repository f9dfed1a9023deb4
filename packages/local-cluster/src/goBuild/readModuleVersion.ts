import fs from 'node:fs';

/**
 * True when a Go binary was built from `modulePath` at `version`, read from the build info the Go
 * linker embeds (the same lines `go version -m` prints: `dep <path> <version> <sum>`).
 *
 * For binaries without a `--version` flag (Karpenter's kwok provider parses its flags into
 * options and has none), this is the binary's own word on what it contains, and needs no `go`
 * on PATH: a machine with cached binaries but without Go must still be able to trust the cache.
 */
export function reportsModuleVersion(
  binary: string,
  modulePath: string,
  version: string,
): boolean {
  let contents: Buffer;
  try {
    contents = fs.readFileSync(binary);
  } catch {
    return false;
  }
  // `dep` for a required module, `mod` when it is the main module; both are tab-separated.
  return ['dep', 'mod'].some(kind =>
    contents.includes(`\n${kind}\t${modulePath}\t${version}\t`),
  );
}
