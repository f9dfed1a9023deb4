import type { GithubRepository } from './GithubPullRequests';

interface GithubContent {
  encoding?: string;
  content?: string;
}

interface GithubTree {
  tree: Array<{ path: string; type: string; sha: string }>;
  truncated: boolean;
}

interface GithubCommit {
  author: { login: string } | null;
  commit: { author: { name: string; email: string } };
}

/**
 * The read-only calls of GitHub's REST API that compare the repository with the approvals: a
 * branch's tree, a file's blob, and the last commit touching a file. HTTP requests rather than a
 * clone per pass: drift is checked every pass, deliveries are rare.
 */
export class GithubFiles {
  /** The last blob read per path: only the newest is kept, so this stays one entry per file. */
  private readonly seen = new Map<string, { sha: string; text: string }>();

  constructor(private readonly options: GithubRepository) {}

  /**
   * The files of `branch`: one call for the whole tree (so a pass costs one request however
   * many pools there are), and a blob fetched only when its id was not seen before (blobs are
   * named by their content, so a cached one never goes stale).
   */
  async tree(
    branch: string,
  ): Promise<(path: string) => Promise<string | null>> {
    const body = await this.call<GithubTree>(
      `git/trees/${encodeURIComponent(branch)}?recursive=1`,
    );
    if (body?.truncated)
      throw new Error(`the tree of ${branch} is too large to list in one call`);
    const blobs = new Map(
      (body?.tree ?? [])
        .filter(entry => entry.type === 'blob')
        .map(entry => [entry.path, entry.sha]),
    );
    return async path => {
      const sha = blobs.get(path);
      if (!sha) return null;
      const known = this.seen.get(path);
      if (known?.sha === sha) return known.text;
      const blob = await this.call<GithubContent>(`git/blobs/${sha}`);
      if (!blob || blob.encoding !== 'base64')
        throw new Error(`blob ${sha} of ${path} is not readable`);
      const text = Buffer.from(blob.content ?? '', 'base64').toString('utf8');
      this.seen.set(path, { sha, text });
      return text;
    };
  }

  /** Who made the newest commit touching `path` on `branch` (login, else name), if any. */
  async lastAuthor(path: string, branch: string): Promise<string | undefined> {
    const query = new URLSearchParams({ path, sha: branch, per_page: '1' });
    const commits = await this.call<GithubCommit[]>(`commits?${query}`);
    const last = commits?.[0];
    if (!last) return undefined;
    const { name, email } = last.commit.author;
    return last.author?.login ?? `${name} <${email}>`;
  }

  /** GET of a repository path; undefined for 404 (no such file, or branch). */
  private async call<T>(path: string): Promise<T | undefined> {
    const { apiBaseUrl, owner, repo } = this.options;
    const url = `${apiBaseUrl}/repos/${owner}/${repo}/${path}`;
    const response = await fetch(url, {
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        ...(await this.options.headers()),
      },
      signal: AbortSignal.timeout(10_000),
    });
    if (response.status === 404) return undefined;
    if (!response.ok)
      throw new Error(
        `GET ${url} answered ${response.status}: ${(
          await response.text()
        ).slice(0, 300)}`,
      );
    return (await response.json()) as T;
  }
}
