import fs from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './isProcessAlive.ts';

/**
 * Runs `fn` while holding a lock directory (mkdir is atomic). Two test runs or a test run and
 * `yarn cluster:start` may race to build the same binary or start the same control plane.
 * A lock whose owner pid is gone is taken over, so a killed run never blocks the next one.
 */
export async function withDirLock<T>(
  lockDir: string,
  fn: () => Promise<T>,
  options: { timeoutMs?: number; onWait?: (ownerPid: number) => void } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
  const ownerFile = path.join(lockDir, 'owner');
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  let warned = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(ownerFile, String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readOrEmpty(ownerFile));
      // No owner file yet: the holder is between mkdir and write; give it a moment.
      if (owner && !isProcessAlive(owner)) {
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for lock ${lockDir} (held by pid ${owner})`,
        );
      }
      if (owner && !warned) {
        options.onWait?.(owner);
        warned = true;
      }
      await new Promise(r => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
