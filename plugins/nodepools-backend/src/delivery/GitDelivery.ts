import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type { Config } from '@backstage/config';
import type { GitDeliveryConfig } from '@nodepools/plugin-nodepools-node';
import type { DeliveryFile } from './deliveryFiles';
import { GithubFiles } from './GithubFiles';
import { GitWorkspace } from './GitWorkspace';
import { GithubPullRequests, type PullRequest } from './GithubPullRequests';

/**
 * Where a delivery stands: a pull request open or closed without merge, or the change in the base
 * branch (merged, or pushed there in `push` mode), which the GitOps controller has yet to sync.
 */
export type DeliveryState =
  | { state: 'open'; pullRequest: PullRequest }
  | { state: 'closed'; pullRequest: PullRequest }
  | { state: 'merged'; pullRequest?: PullRequest };

/** One approval's change to the repository. */
export interface DeliveryChange {
  /** Unique per approval (a retried approval has the same): names the branch. */
  branch: string;
  files: DeliveryFile[];
  /** The commit's first line and the pull request's title. */
  title: string;
  /** The rest of the commit message and the pull request's description. */
  body: string;
}

/** What the delivery needs of the forge's credentials. */
export interface DeliveryCredentials {
  /** The token for git over HTTPS. */
  token?: string;
  /** Headers for the forge's API. */
  headers: Record<string, string>;
}

/**
 * Puts approvals into a repository as commits: on a branch of their own with a pull request into
 * the base branch, or straight onto the base branch. Idempotent by construction: a change is named
 * by its branch, so delivering it again finds its pull request (in whatever state) or, in push
 * mode, finds the base branch already holding the files, and writes nothing.
 */
export class GitDelivery {
  private readonly pulls: GithubPullRequests;
  private readonly files: GithubFiles;

  constructor(
    readonly config: GitDeliveryConfig,
    private readonly options: {
      apiBaseUrl: string;
      credentials: () => Promise<DeliveryCredentials>;
      /** The portal's page of a request, for the commit message. */
      requestLink?: (requestId: string) => string;
    },
  ) {
    const [owner, repo] = new URL(config.repository).pathname
      .split('/')
      .filter(Boolean);
    const api = {
      apiBaseUrl: options.apiBaseUrl,
      owner,
      repo,
      headers: async () => (await options.credentials()).headers,
    };
    this.pulls = new GithubPullRequests(api);
    this.files = new GithubFiles(api);
  }

  /** The base branch as it is now: a reader of its files' text (null for no file). */
  async readBase(): Promise<(path: string) => Promise<string | null>> {
    return this.files.tree(this.config.branch);
  }

  /** Who last changed a file on the base branch, if the forge says. */
  async lastAuthorOnBase(path: string): Promise<string | undefined> {
    return this.files.lastAuthor(path, this.config.branch);
  }

  /** The portal's page of a request, when the portal's address is known. */
  requestLink(requestId: string): string | undefined {
    return this.options.requestLink?.(requestId);
  }

  /** Closes the pull request of an approval a newer one replaced, so it cannot be merged after it. */
  async closeSuperseded(number: number): Promise<PullRequest> {
    return this.pulls.close(number);
  }

  async deliver(change: DeliveryChange): Promise<DeliveryState> {
    const pullRequests = this.config.mode === 'pull-request';
    if (pullRequests) {
      const existing = await this.pulls.findByHead(change.branch);
      if (existing)
        return {
          state: existing.state,
          pullRequest: existing,
        } as DeliveryState;
    }
    const { token } = await this.options.credentials();
    const workspace = await GitWorkspace.clone({
      url: `${this.config.repository}.git`,
      branch: this.config.branch,
      token,
    });
    try {
      // Already there (pushed by an earlier attempt, or the same change made by hand): nothing to add.
      if (await workspace.holds(change.files)) return { state: 'merged' };
      await workspace.commit(change.files, `${change.title}\n\n${change.body}`);
      if (!pullRequests) {
        await workspace.push(this.config.branch, { force: false });
        return { state: 'merged' };
      }
      // An earlier attempt may have pushed the branch and failed before the pull request.
      await workspace.push(change.branch, { force: true });
    } finally {
      await workspace.dispose();
    }
    const pullRequest = await this.pulls.create({
      title: change.title,
      body: change.body,
      head: change.branch,
      base: this.config.branch,
    });
    return { state: 'open', pullRequest };
  }
}

/**
 * The delivery of a cluster, with the credentials of the backend's `integrations.github` entry
 * for the repository's host (a token or a GitHub App), as the scaffolder's publish actions get them.
 */
export function createGitDelivery(
  config: GitDeliveryConfig,
  rootConfig: Config,
): GitDelivery {
  const integrations = ScmIntegrations.fromConfig(rootConfig);
  const integration = integrations.github.byUrl(config.repository);
  if (!integration)
    throw new Error(
      `No integrations.github entry matches ${config.repository}: add one for its host`,
    );
  const provider =
    DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  const baseUrl = rootConfig.getOptionalString('app.baseUrl');
  return new GitDelivery(config, {
    apiBaseUrl: integration.config.apiBaseUrl!,
    requestLink: baseUrl
      ? id => `${baseUrl.replace(/\/+$/, '')}/nodepools/requests/${id}`
      : undefined,
    credentials: async () => {
      const { token, headers } = await provider.getCredentials({
        url: config.repository,
      });
      return { token, headers: headers ?? {} };
    },
  });
}

/**
 * The deliveries of the git clusters, made once per cluster and delivery config, so credentials
 * (a GitHub App's installation token) are cached between passes.
 */
export class GitDeliveries {
  private readonly byCluster = new Map<
    string,
    { key: string; delivery: GitDelivery }
  >();

  constructor(private readonly rootConfig: () => Config) {}

  /** The cluster's delivery; throws when its repository has no integration. */
  for(cluster: string, config: GitDeliveryConfig): GitDelivery {
    const key = JSON.stringify(config);
    const known = this.byCluster.get(cluster);
    if (known?.key === key) return known.delivery;
    const delivery = createGitDelivery(config, this.rootConfig());
    this.byCluster.set(cluster, { key, delivery });
    return delivery;
  }
}
