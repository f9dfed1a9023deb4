interface GithubContent {
  type: string;
  encoding?: string;
  content?: string;
}

interface GithubCommit {
  author: { login: string } | null;
  commit: { author: { name: string; email: string } };
}

/**
 * The two read-only calls of GitHub's REST API that compare the repository with the approvals:
 * one file's contents on a branch, and the last commit touching it. One HTTP request each,
 * rather than a clone per pass: drift is checked every pass, deliveries are rare.
 */
export class GithubFiles {
  constructor(
    private readonly options: {
      apiBaseUrl: string;
      owner: string;
      repo: string;
      /** Headers with the integration's credentials (a token or a GitHub App's). */
      headers: () => Promise<Record<string, string>>;
    },
  ) {}

  /** The file's text on `branch`, or null when there is none. */
  async read(path: string, branch: string): Promise<string | null> {
    const query = new URLSearchParams({ ref: branch });
    const body = await this.call<GithubContent>(
      `contents/${encodePath(path)}?${query}`,
    );
    if (!body) return null;
    if (body.type !== 'file' || body.encoding !== 'base64')
      throw new Error(
        `${path} on ${branch} is not a file GitHub returns whole`,
      );
    return Buffer.from(body.content ?? '', 'base64').toString('utf8');
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

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
