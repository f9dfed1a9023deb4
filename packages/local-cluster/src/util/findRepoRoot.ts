import fs from 'node:fs';
import path from 'node:path';

/**
 * Walks up from `start` to the first package.json that declares workspaces: the monorepo root.
 * Returns undefined when there is none (e.g. the package is used outside the repo).
 */
export function findRepoRoot(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as {
          workspaces?: unknown;
        };
        if (pkg.workspaces) return dir;
      } catch {
        // An unreadable package.json is not the root; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
