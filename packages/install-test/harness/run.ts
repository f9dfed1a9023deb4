import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** How to run one command of the test. */
export interface RunOptions {
  cwd: string;
  /** Output goes here (appended), not to the test's stdout; a failure quotes its end. */
  logFile: string;
  env?: NodeJS.ProcessEnv;
  /** Run through `bash -c` (README commands), instead of the program with arguments. */
  shell?: boolean;
}

/**
 * Runs a command to completion and returns its output; a non-zero exit throws with the last
 * lines of output, so a failing `yarn add` or `tsc` is readable from the test report.
 */
export function run(
  command: string,
  args: string[],
  options: RunOptions,
): Promise<string> {
  const [program, argv] = options.shell
    ? ['bash', ['-euo', 'pipefail', '-c', [command, ...args].join(' ')]]
    : [command, args];
  fs.appendFileSync(
    options.logFile,
    `\n$ (cd ${options.cwd} && ${[command, ...args].join(' ')})\n`,
  );
  return new Promise((resolve, reject) => {
    const child = spawn(program, argv, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const collect = (chunk: Buffer) => {
      chunks.push(chunk);
      fs.appendFileSync(options.logFile, chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', code => {
      const output = Buffer.concat(chunks).toString('utf8');
      if (code === 0) {
        resolve(output);
        return;
      }
      const tail = output.trimEnd().split('\n').slice(-40).join('\n');
      reject(
        new Error(
          `${[command, ...args].join(' ')} (in ${
            options.cwd
          }) exited with ${code}; ` +
            `full output in ${options.logFile}\n${tail}`,
        ),
      );
    });
  });
}
