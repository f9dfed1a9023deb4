import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const PACKAGE_NAME = '@nodepools/local-cluster';

function walkUpToPackage(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as {
        name?: string;
      };
      if (pkg.name === PACKAGE_NAME) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function resolveFrom(dir: string): string | undefined {
  try {
    const require = createRequire(path.join(dir, 'noop.js'));
    return path.dirname(require.resolve(`${PACKAGE_NAME}/package.json`));
  } catch {
    return undefined;
  }
}

/**
 * The directory of this package, needed to spawn the supervisor script.
 *
 * The code runs as native ESM under `node file.ts` (no `__dirname`) and as CommonJS under Jest
 * (where `import.meta` would break the transform), so neither is used: the entry script
 * (`yarn cluster:start` runs a file of this package), then module resolution from the working
 * directory or the repo root (the workspace link in node_modules), then the working directory.
 */
export function findPackageDir(repoRoot?: string): string {
  const found =
    (process.argv[1] && walkUpToPackage(path.dirname(process.argv[1]))) ||
    resolveFrom(process.cwd()) ||
    (repoRoot && resolveFrom(repoRoot)) ||
    walkUpToPackage(process.cwd());
  if (!found) {
    throw new Error(
      `Cannot locate the ${PACKAGE_NAME} package directory from ${process.cwd()}`,
    );
  }
  return found;
}
