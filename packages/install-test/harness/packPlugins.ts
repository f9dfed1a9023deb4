import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import { run } from './run.ts';
import { progress } from './stage.ts';

/** One of our packages as a user gets it: the tarball `yarn pack` made. */
export interface PackedPackage {
  name: string;
  /** Its folder in this repository, e.g. `plugins/nodepools-backend`. */
  dir: string;
  tarball: string;
}

/** The published (non-private) packages under plugins/. */
export function publishedPlugins(): Array<{ name: string; dir: string }> {
  const root = path.join(REPO_ROOT, 'plugins');
  return fs
    .readdirSync(root)
    .sort()
    .map(dir => path.join(root, dir, 'package.json'))
    .filter(file => fs.existsSync(file))
    .map(file => ({ pkg: JSON.parse(fs.readFileSync(file, 'utf8')), file }))
    .filter(({ pkg }) => !pkg.private)
    .map(({ pkg, file }) => ({
      name: pkg.name as string,
      dir: path.relative(REPO_ROOT, path.dirname(file)),
    }));
}

/**
 * Builds and packs every plugin the way a release does: `yarn tsc` for the declarations the
 * build bundles, then `backstage-cli package build` and `yarn pack` in each package. A `dist`
 * the package did not have before is removed again, so the working tree is left as it was.
 */
export async function packPlugins(
  outDir: string,
  logFile: string,
): Promise<PackedPackage[]> {
  fs.mkdirSync(outDir, { recursive: true });
  const inRepo = { cwd: REPO_ROOT, logFile };
  // The build reads each package's declarations from dist-types; CI has just made them, a
  // laptop may have stale ones. Type errors are the type check's to report, not this step's.
  await run('yarn', ['tsc'], inRepo).catch(error =>
    progress(
      `yarn tsc reported errors (see ${logFile}); packing what it emitted: ${
        (error as Error).message.split('\n')[0]
      }`,
    ),
  );
  const packed: PackedPackage[] = [];
  for (const { name, dir } of publishedPlugins()) {
    const startedAt = Date.now();
    const cwd = path.join(REPO_ROOT, dir);
    const hadDist = fs.existsSync(path.join(cwd, 'dist'));
    const tarball = path.join(outDir, `${path.basename(dir)}.tgz`);
    try {
      await run('yarn', ['backstage-cli', 'package', 'build'], {
        cwd,
        logFile,
      });
      await run('yarn', ['pack', '--out', tarball], { cwd, logFile });
    } finally {
      if (!hadDist)
        fs.rmSync(path.join(cwd, 'dist'), { recursive: true, force: true });
    }
    packed.push({ name, dir, tarball });
    progress(
      `${name}: built and packed in ${((Date.now() - startedAt) / 1000).toFixed(
        1,
      )}s`,
    );
  }
  return packed;
}
