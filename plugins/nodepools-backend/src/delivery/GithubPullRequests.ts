/** A pull request as the portal needs it. */
export interface PullRequest {
  number: number;
  url: string;
  state: 'open' | 'merged' | 'closed';
}

interface GithubPull {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  merged_at: string | null;
}

/** One repository on GitHub (or GitHub Enterprise) and how to call its REST API. */
export interface GithubRepository {
  apiBaseUrl: string;
  owner: string;
  repo: string;
  /** Headers with the integration's credentials (a token or a GitHub App's). */
  headers: () => Promise<Record<string, string>>;
}

/**
 * The pull-request calls of GitHub's REST API the delivery makes (list by head branch, create,
 * close), against the integration's `apiBaseUrl`, so GitHub Enterprise works too.
 */
export class GithubPullRequests {
  constructor(private readonly options: GithubRepository) {}

  /** The newest pull request from `branch` in any state, or undefined. */
  async findByHead(branch: string): Promise<PullRequest | undefined> {
    const { owner } = this.options;
    const query = new URLSearchParams({
      head: `${owner}:${branch}`,
      state: 'all',
      sort: 'created',
      direction: 'desc',
    });
    const pulls = await this.call<GithubPull[]>('GET', `pulls?${query}`);
    return pulls.length > 0 ? toPullRequest(pulls[0]) : undefined;
  }

  /** Opens a pull request from `head` into `base`. */
  async create(pull: {
    title: string;
    body: string;
    head: string;
    base: string;
  }): Promise<PullRequest> {
    return toPullRequest(await this.call<GithubPull>('POST', 'pulls', pull));
  }

  /** Closes a pull request without merging it. */
  async close(number: number): Promise<PullRequest> {
    return toPullRequest(
      await this.call<GithubPull>('PATCH', `pulls/${number}`, {
        state: 'closed',
      }),
    );
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> {
    const { apiBaseUrl, owner, repo } = this.options;
    const url = `${apiBaseUrl}/repos/${owner}/${repo}/${path}`;
    const response = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...(await this.options.headers()),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok)
      throw new Error(
        `${method} ${url} answered ${response.status}: ${(
          await response.text()
        ).slice(0, 300)}`,
      );
    return (await response.json()) as T;
  }
}

function toPullRequest(pull: GithubPull): PullRequest {
  let state: PullRequest['state'] = 'open';
  if (pull.state === 'closed') state = pull.merged_at ? 'merged' : 'closed';
  return { number: pull.number, url: pull.html_url, state };
}
