import fs from 'node:fs';
import path from 'node:path';
import { progress } from './stage.ts';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes a lock directory (mkdir is atomic) for as long as this process runs the test: the cached
 * app is installed into in place, so two runs on one machine must take turns. A lock whose owner
 * is gone is taken over. Returns the release function.
 */
export async function takeDirLock(
  lockDir: string,
  timeoutMs = 60 * 60_000,
): Promise<() => void> {
  const owner = path.join(lockDir, 'owner');
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      fs.writeFileSync(owner, String(process.pid));
      return () => fs.rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const pid = Number(
      fs.existsSync(owner) ? fs.readFileSync(owner, 'utf8') : 0,
    );
    if (pid && !alive(pid)) {
      fs.rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${lockDir} (held by pid ${pid})`);
    }
    if (pid && !told) {
      progress(`waiting for pid ${pid}, which is using the cached app`);
      told = true;
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}
