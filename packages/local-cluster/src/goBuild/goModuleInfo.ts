import { execFile } from 'node:child_process';
import fs from 'node:fs';

/** What `go mod download -json` tells about one module version. */
export interface GoModuleInfo {
  goMod: string;
  /** The extracted module in the module cache (read-only). */
  dir?: string;
  /** Publication time of the version, used as the reproducible build date. */
  time: string;
}

/**
 * Downloads one module version through the configured GOPROXY and reads its go.mod, so the build
 * module can copy the upstream go/godebug lines and staging list instead of hard-coding them.
 */
export function goModuleInfo(
  go: string,
  moduleAtVersion: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<GoModuleInfo> {
  return new Promise((resolve, reject) => {
    execFile(
      go,
      ['mod', 'download', '-json', moduleAtVersion],
      { cwd, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        let parsed: {
          GoMod?: string;
          Info?: string;
          Dir?: string;
          Error?: string;
        } = {};
        try {
          parsed = JSON.parse(stdout) as typeof parsed;
        } catch {
          // fall through to the error below
        }
        if (error || !parsed.GoMod || parsed.Error) {
          reject(
            new Error(
              `go mod download ${moduleAtVersion} failed: ${
                parsed.Error ?? stderr ?? error?.message
              }`,
            ),
          );
          return;
        }
        const info = parsed.Info
          ? (JSON.parse(fs.readFileSync(parsed.Info, 'utf8')) as {
              Time?: string;
            })
          : {};
        resolve({
          goMod: fs.readFileSync(parsed.GoMod, 'utf8'),
          ...(parsed.Dir ? { dir: parsed.Dir } : {}),
          time: info.Time ?? new Date(0).toISOString(),
        });
      },
    );
  });
}
