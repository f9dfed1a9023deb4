import fs from 'node:fs';
import {
  mkdtemp,
  readFile,
  rm,
  unlink,
  writeFile,
  mkdir,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { DeliveryFile } from './deliveryFiles';

/** Who a commit is by: the portal, on behalf of the approvers its message names. */
export const COMMIT_AUTHOR = {
  name: 'Backstage NodePools',
  email: 'nodepools@backstage.invalid',
};

/**
 * A fresh shallow clone of one branch in a temporary directory, with isomorphic-git (what the
 * scaffolder's publish actions use, so no git binary is needed in the backend's image). Each
 * delivery clones afresh and throws the clone away: a delivery is rare, and a fresh clone cannot
 * carry a half-done change from an earlier attempt.
 */
export class GitWorkspace {
  private constructor(
    private readonly dir: string,
    private readonly url: string,
    private readonly onAuth: () => { username: string; password: string },
  ) {}

  /** Clones `branch` of `url`; credentials as GitHub takes them for git over HTTPS. */
  static async clone(options: {
    url: string;
    branch: string;
    token?: string;
  }): Promise<GitWorkspace> {
    const dir = await mkdtemp(join(tmpdir(), 'nodepools-delivery-'));
    const onAuth = () => ({
      username: 'x-access-token',
      password: options.token ?? '',
    });
    try {
      await git.clone({
        fs,
        http,
        dir,
        url: options.url,
        ref: options.branch,
        singleBranch: true,
        depth: 1,
        noTags: true,
        onAuth,
      });
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return new GitWorkspace(dir, options.url, onAuth);
  }

  /** The file's content in the checkout, or null when there is none. */
  async read(path: string): Promise<string | null> {
    try {
      return await readFile(join(this.dir, path), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Whether every file already is as wanted. */
  async holds(files: DeliveryFile[]): Promise<boolean> {
    for (const file of files)
      if ((await this.read(file.path)) !== file.content) return false;
    return true;
  }

  /** Writes (or removes) the files and commits them; returns the commit's id. */
  async commit(files: DeliveryFile[], message: string): Promise<string> {
    for (const file of files) {
      const full = join(this.dir, file.path);
      if (file.content === null) {
        if ((await this.read(file.path)) === null) continue;
        await unlink(full);
        await git.remove({ fs, dir: this.dir, filepath: file.path });
      } else {
        await mkdir(dirname(full), { recursive: true });
        await writeFile(full, file.content);
        await git.add({ fs, dir: this.dir, filepath: file.path });
      }
    }
    return git.commit({
      fs,
      dir: this.dir,
      message,
      author: COMMIT_AUTHOR,
    });
  }

  /**
   * Pushes the commit to `branch`. Forced only onto the portal's own branches (a retried delivery
   * replaces its own earlier attempt); onto the base branch a push that is not a fast-forward
   * fails, and the next pass clones afresh and tries again.
   */
  async push(branch: string, { force }: { force: boolean }): Promise<void> {
    const result = await git.push({
      fs,
      http,
      dir: this.dir,
      url: this.url,
      remoteRef: `refs/heads/${branch}`,
      force,
      onAuth: this.onAuth,
    });
    if (!result.ok)
      throw new Error(`git push to ${branch} failed: ${result.error}`);
  }

  /** Removes the clone. */
  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
