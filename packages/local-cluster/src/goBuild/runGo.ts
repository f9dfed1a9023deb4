import { spawn } from 'node:child_process';
import readline from 'node:readline';

/** How to run one go command and report on it. */
export interface RunGoOptions {
  go: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called with a one-line summary now and then (a cold build is quiet for minutes otherwise). */
  onSummary: (summary: string) => void;
  summaryIntervalMs?: number;
}

/** What the go command did, counted from its output. */
export interface GoRunSummary {
  downloadedModules: number;
  compiledPackages: number;
  durationMs: number;
}

/**
 * Runs a go command, summarizing its output instead of echoing thousands of lines:
 * `go: downloading` lines count modules, plain import paths (printed by `go build -v`) count
 * compiled packages. On failure the last lines of output go into the error.
 */
export function runGo(options: RunGoOptions): Promise<GoRunSummary> {
  const startedAt = Date.now();
  const child = spawn(options.go, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let downloadedModules = 0;
  let compiledPackages = 0;
  const tail: string[] = [];
  const onLine = (line: string) => {
    if (line.startsWith('go: downloading ')) downloadedModules += 1;
    else if (/^[\w.~-]+(\/[\w.~+-]+)*$/.test(line)) compiledPackages += 1;
    tail.push(line);
    if (tail.length > 40) tail.shift();
  };
  readline.createInterface({ input: child.stdout }).on('line', onLine);
  readline.createInterface({ input: child.stderr }).on('line', onLine);

  const timer = setInterval(() => {
    options.onSummary(
      `go ${options.args[0]}: ${downloadedModules} modules downloaded, ${compiledPackages} packages compiled so far`,
    );
  }, options.summaryIntervalMs ?? 20_000);

  return new Promise((resolve, reject) => {
    child.on('error', error => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearInterval(timer);
      const durationMs = Date.now() - startedAt;
      if (code === 0) {
        resolve({ downloadedModules, compiledPackages, durationMs });
        return;
      }
      reject(
        new Error(
          `go ${options.args.join(' ')} failed (${
            signal ?? `exit ${code}`
          }) in ${options.cwd}:\n${tail.join('\n')}`,
        ),
      );
    });
  });
}
