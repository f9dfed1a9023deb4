import fs from 'node:fs';
import path from 'node:path';

/**
 * The `go` executable on PATH, or undefined. Only PATH counts (not /usr/local/go/bin): "Go is
 * installed" must mean the same thing for the build, the test skip and CI.
 */
export function findGo(
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'go');
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
