// ~470 lines: one stand-in forge (git http-backend plus the pull-request REST calls); its parts
// share the repository and the pull requests it holds.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HTTP_BACKEND = '/usr/lib/git-core/git-http-backend';
const OWNER = 'acme';
const REPO = 'clusters';

interface StoredPull {
  number: number;
  html_url: string;
  state: 'open' | 'closed';
  merged_at: string | null;
  title: string;
  body: string;
  head: { ref: string; label: string };
  base: { ref: string };
}

/**
 * A forge on loopback for tests: a real bare repository served by git's own `git http-backend`
 * (smart HTTP, push enabled), and a stand-in for the only part of GitHub that is not git, the
 * pull-request REST calls the delivery makes (list by head, create). Both ask for the token, as
 * GitHub does. Merging or closing a pull request is the test's move, made with the git CLI.
 */
export class TestForge {
  readonly pulls: StoredPull[] = [];
  /** Every request: method, path and whether it carried the token. */
  readonly requests: Array<{ method: string; path: string; authed: boolean }> =
    [];

  // Plain fields, not constructor parameter properties: the demo runs this file with Node's own
  // type stripping (scripts/lib/local-forge.ts), which has no transform for those.
  private readonly root: string;
  private readonly server: http.Server;
  private readonly keep: boolean;
  readonly token: string;

  private constructor(
    root: string,
    server: http.Server,
    token: string,
    keep: boolean,
  ) {
    this.root = root;
    this.server = server;
    this.token = token;
    this.keep = keep;
  }

  /**
   * Starts the forge: in a temporary directory removed by {@link TestForge.stop}, or in `root`
   * (kept, and reused when it already holds the repository: the demo's).
   */
  static async start(
    options: { token?: string; root?: string; port?: number } = {},
  ): Promise<TestForge> {
    const root =
      options.root ?? (await mkdtemp(join(tmpdir(), 'nodepools-forge-')));
    const bare = join(root, OWNER, `${REPO}.git`);
    if (!existsSync(bare)) {
      await mkdir(root, { recursive: true });
      await git(root, 'init', '--bare', '--initial-branch=main', bare);
      await git(bare, 'config', 'http.receivepack', 'true');
      // A first commit on main, as a real repository has.
      const work = await mkdtemp(join(root, 'seed-'));
      await git(root, 'clone', bare, work);
      await git(work, 'commit', '--allow-empty', '-m', 'initial commit');
      await git(work, 'push', 'origin', 'HEAD:main');
      await rm(work, { recursive: true, force: true });
    }
    let forge: TestForge | undefined = undefined;
    const server = http.createServer((req, res) => {
      forge!.handle(req, res).catch(error => {
        res.statusCode = 500;
        res.end(String(error));
      });
    });
    await new Promise<void>(resolve =>
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve()),
    );
    forge = new TestForge(
      root,
      server,
      options.token ?? 'forge-token',
      options.root !== undefined,
    );
    // A kept forge keeps its pull requests across restarts too.
    if (forge.keep && existsSync(forge.pullsFile))
      forge.pulls.push(...JSON.parse(await readFile(forge.pullsFile, 'utf8')));
    return forge;
  }

  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The repository's URL as configured (`delivery.repository`). */
  get repository(): string {
    return `http://${this.host}/${OWNER}/${REPO}`;
  }

  /** The `integrations.github` entry for this forge. */
  get integration() {
    return {
      host: this.host,
      apiBaseUrl: `http://${this.host}/api/v3`,
      token: this.token,
    };
  }

  private get pullsFile(): string {
    return join(this.root, 'pulls.json');
  }

  private async savePulls(): Promise<void> {
    if (this.keep) await writeFile(this.pullsFile, JSON.stringify(this.pulls));
  }

  private get bare(): string {
    return join(this.root, OWNER, `${REPO}.git`);
  }

  /** A file on a branch, or null when the branch has none. */
  async file(branch: string, path: string): Promise<string | null> {
    try {
      return await git(this.bare, 'show', `${branch}:${path}`);
    } catch {
      return null;
    }
  }

  async hasBranch(branch: string): Promise<boolean> {
    try {
      await git(this.bare, 'rev-parse', '--verify', `refs/heads/${branch}`);
      return true;
    } catch {
      return false;
    }
  }

  /** The paths of the files under `dir` on a branch. */
  async files(branch: string, dir: string): Promise<string[]> {
    const out = await git(
      this.bare,
      'ls-tree',
      '-r',
      '--name-only',
      branch,
      '--',
      dir,
    );
    return out.split('\n').filter(Boolean);
  }

  /** The commit messages of a branch, newest first. */
  async log(branch: string): Promise<string[]> {
    const out = await git(this.bare, 'log', '--format=%B%x00', branch);
    return out
      .split('\0')
      .map(s => s.trim())
      .filter(Boolean);
  }

  /** Merges a pull request into its base with a merge commit, as the forge's button does. */
  async merge(number: number): Promise<void> {
    const pull = this.pulls.find(p => p.number === number)!;
    const work = await mkdtemp(join(this.root, 'merge-'));
    try {
      await git(this.root, 'clone', '--branch', pull.base.ref, this.bare, work);
      await git(work, 'fetch', 'origin', pull.head.ref);
      await git(
        work,
        'merge',
        '--no-ff',
        '-m',
        `Merge #${number}`,
        'FETCH_HEAD',
      );
      await git(work, 'push', 'origin', `HEAD:${pull.base.ref}`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    Object.assign(pull, {
      state: 'closed',
      merged_at: new Date().toISOString(),
    });
    await this.savePulls();
  }

  /** Closes a pull request without merging it. */
  close(number: number): void {
    Object.assign(this.pulls.find(p => p.number === number)!, {
      state: 'closed',
    });
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise(resolve => this.server.close(resolve));
    if (!this.keep) await rm(this.root, { recursive: true, force: true });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url!, `http://${this.host}`);
    const authed = this.authorized(req);
    this.requests.push({ method: req.method!, path: url.pathname, authed });
    if (!authed) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="forge"' });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/api/v3/')) await this.api(req, res, url);
    else await this.gitHttpBackend(req, res, url);
  }

  private authorized(req: http.IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    const [scheme, value] = header.split(' ');
    if (/^basic$/i.test(scheme))
      return Buffer.from(value, 'base64').toString().endsWith(`:${this.token}`);
    return /^(token|bearer)$/i.test(scheme) && value === this.token;
  }

  /** GitHub's `GET|POST /repos/{owner}/{repo}/pulls`, the calls the delivery makes. */
  private async api(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // GitHub's merge button, as its API has it: how the demo's user merges a pull request.
    const merge = url.pathname.match(
      new RegExp(`^/api/v3/repos/${OWNER}/${REPO}/pulls/(\\d+)/merge$`),
    );
    if (merge && req.method === 'PUT') {
      const pull = this.pulls.find(p => p.number === Number(merge[1]));
      if (!pull || pull.state !== 'open')
        return send(405, { message: 'Pull Request is not mergeable' });
      await this.merge(pull.number);
      return send(200, {
        merged: true,
        message: 'Pull Request successfully merged',
      });
    }
    const read = await this.readApi(req, url);
    if (read) return send(read.status, read.body);
    const one = url.pathname.match(
      new RegExp(`^/api/v3/repos/${OWNER}/${REPO}/pulls/(\\d+)$`),
    );
    if (one && req.method === 'PATCH') {
      const pull = this.pulls.find(p => p.number === Number(one[1]));
      if (!pull) return send(404, { message: 'Not Found' });
      const patch = JSON.parse(await readBody(req)) as { state?: string };
      if (patch.state === 'closed' && pull.state === 'open')
        this.close(pull.number);
      await this.savePulls();
      return send(200, pull);
    }
    if (url.pathname !== `/api/v3/repos/${OWNER}/${REPO}/pulls`)
      return send(404, { message: 'Not Found' });
    if (req.method === 'GET') {
      const head = url.searchParams.get('head');
      const state = url.searchParams.get('state') ?? 'open';
      const found = this.pulls
        .filter(p => !head || p.head.label === head)
        .filter(p => state === 'all' || p.state === state)
        .sort((a, b) => b.number - a.number);
      return send(200, found);
    }
    const body = JSON.parse(await readBody(req)) as {
      title: string;
      body: string;
      head: string;
      base: string;
    };
    // As GitHub: the head branch must exist, and one open pull request per head and base.
    if (!(await this.hasBranch(body.head)))
      return send(422, { message: `head ${body.head} does not exist` });
    if (
      this.pulls.some(
        p =>
          p.state === 'open' &&
          p.head.ref === body.head &&
          p.base.ref === body.base,
      )
    )
      return send(422, { message: 'A pull request already exists' });
    const number = this.pulls.length + 1;
    const pull: StoredPull = {
      number,
      html_url: `http://${this.host}/${OWNER}/${REPO}/pull/${number}`,
      state: 'open',
      merged_at: null,
      title: body.title,
      body: body.body,
      head: { ref: body.head, label: `${OWNER}:${body.head}` },
      base: { ref: body.base },
    };
    this.pulls.push(pull);
    await this.savePulls();
    return send(201, pull);
  }

  /**
   * GitHub's `GET /repos/{owner}/{repo}/git/trees/{branch}?recursive=1`, `.../git/blobs/{sha}`
   * (base64) and `.../commits?path=&sha=&per_page=1`, what drift reporting reads.
   */
  private async readApi(
    req: http.IncomingMessage,
    url: URL,
  ): Promise<{ status: number; body: unknown } | undefined> {
    if (req.method !== 'GET') return undefined;
    const prefix = `/api/v3/repos/${OWNER}/${REPO}/`;
    const tree = url.pathname.match(new RegExp(`^${prefix}git/trees/(.+)$`));
    if (tree) {
      const branch = decodeURIComponent(tree[1]);
      if (!(await this.hasBranch(branch)))
        return { status: 404, body: { message: 'Not Found' } };
      const out = await git(this.bare, 'ls-tree', '-r', branch);
      const entries = out
        .split('\n')
        .filter(Boolean)
        .map(line => {
          const [meta, path] = line.split('\t');
          const [, type, sha] = meta.split(' ');
          return { path, type, sha };
        });
      return { status: 200, body: { tree: entries, truncated: false } };
    }
    const blob = url.pathname.match(new RegExp(`^${prefix}git/blobs/(\\w+)$`));
    if (blob) {
      const { stdout } = await run('git', ['cat-file', 'blob', blob[1]], {
        cwd: this.bare,
        encoding: 'buffer',
      });
      const content = (stdout as Buffer).toString('base64');
      return { status: 200, body: { encoding: 'base64', content } };
    }
    if (url.pathname !== `${prefix}commits`) return undefined;
    const out = await git(
      this.bare,
      'log',
      `-n${url.searchParams.get('per_page') ?? '30'}`,
      '--format=%H%x00%an%x00%ae',
      url.searchParams.get('sha') ?? 'main',
      '--',
      url.searchParams.get('path') ?? '.',
    );
    const commits = out
      .split('\n')
      .filter(Boolean)
      .map(line => {
        const [sha, name, email] = line.split('\0');
        // No GitHub account behind a commit made outside it: `author` is null, as GitHub's is.
        return { sha, author: null, commit: { author: { name, email } } };
      });
    return { status: 200, body: commits };
  }

  /** A commit straight onto `branch` by someone other than the portal: a hand edit in git. */
  async commitByHand(
    branch: string,
    path: string,
    content: string,
    author: { name: string; email: string },
  ): Promise<void> {
    const work = await mkdtemp(join(this.root, 'edit-'));
    try {
      await git(this.root, 'clone', '--branch', branch, this.bare, work);
      await writeFile(join(work, path), content);
      await git(work, 'add', path);
      await git(
        work,
        '-c',
        `user.name=${author.name}`,
        '-c',
        `user.email=${author.email}`,
        'commit',
        `--author=${author.name} <${author.email}>`,
        '-m',
        `Edit ${path} by hand`,
      );
      await git(work, 'push', 'origin', `HEAD:${branch}`);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  /** Runs git's CGI program for one request, as a web server in front of it would. */
  private async gitHttpBackend(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
  ) {
    const cgi = spawn(HTTP_BACKEND, [], {
      env: {
        GIT_PROJECT_ROOT: this.root,
        GIT_HTTP_EXPORT_ALL: '1',
        REMOTE_USER: 'x-access-token',
        REMOTE_ADDR: '127.0.0.1',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method!,
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-encoding']
          ? { HTTP_CONTENT_ENCODING: req.headers['content-encoding'] }
          : {}),
        ...(req.headers['git-protocol']
          ? { GIT_PROTOCOL: String(req.headers['git-protocol']) }
          : {}),
      },
    });
    req.pipe(cgi.stdin);
    const chunks: Buffer[] = [];
    cgi.stdout.on('data', (c: Buffer) => chunks.push(c));
    await new Promise<void>((resolve, reject) => {
      cgi.on('error', reject);
      cgi.on('close', () => resolve());
    });
    const output = Buffer.concat(chunks);
    let split = output.indexOf('\r\n\r\n');
    let gap = 4;
    if (split < 0) {
      split = output.indexOf('\n\n');
      gap = 2;
    }
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of output.subarray(0, split).toString().split(/\r?\n/)) {
      const at = line.indexOf(':');
      const name = line.slice(0, at).trim();
      const value = line.slice(at + 1).trim();
      if (name.toLowerCase() === 'status') status = parseInt(value, 10);
      else headers[name] = value;
    }
    res.writeHead(status, headers);
    res.end(output.subarray(split + gap));
  }
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Forge',
      GIT_AUTHOR_EMAIL: 'forge@example.test',
      GIT_COMMITTER_NAME: 'Forge',
      GIT_COMMITTER_EMAIL: 'forge@example.test',
    },
  });
  return stdout;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', c => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
