import { ConfigReader } from '@backstage/config';
import type {
  PoolRecord,
  PoolSpec,
  RequestRecord,
} from '@nodepools/plugin-nodepools-common';
import type { GitDeliveryConfig } from '@nodepools/plugin-nodepools-node';
import { parseAllDocuments } from 'yaml';
import { createRequest, testConfig } from '../__testUtils__/fixtures';
import { renderPoolObject } from '../reconciler/renderPoolObject';
import { deliveryChange } from './deliveryChange';
import { createGitDelivery, type GitDelivery } from './GitDelivery';
import { TestForge } from './__testUtils__/testForge';

const POOL_PATH = 'clusters/local/nodepools/payments.pci.yaml';
const TENANCY_PATH = 'clusters/local/nodepools/tenancy.yaml';

describe('GitDelivery against git http-backend and a GitHub stand-in', () => {
  let forge: TestForge;
  beforeEach(async () => {
    forge = await TestForge.start();
  });
  afterEach(() => forge.stop());

  const cluster = testConfig().clusters[0];
  const deliveryConfig = (mode: GitDeliveryConfig['mode']) => ({
    type: 'git' as const,
    repository: forge.repository,
    branch: 'main',
    path: 'clusters/{cluster}/nodepools/{team}.{pool}.yaml',
    tenancyPath: 'clusters/{cluster}/nodepools/tenancy.yaml',
    mode,
  });
  const delivery = (mode: GitDeliveryConfig['mode']) =>
    createGitDelivery(
      deliveryConfig(mode),
      new ConfigReader({ integrations: { github: [forge.integration] } }),
    );
  const pool = (overrides: Partial<PoolRecord> = {}): PoolRecord => ({
    id: 'pool-1',
    cluster: 'local',
    owner: 'group:default/payments',
    name: 'pci',
    phase: 'provisioning',
    spec: createRequest().spec as unknown as PoolSpec,
    generation: 1,
    approvedRequestId: 'request-1',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...overrides,
  });
  const request = (id: string) =>
    ({
      id,
      requester: 'user:default/bob',
      justification: 'PCI workloads need dedicated nodes',
      decisions: [
        {
          actor: 'user:default/alice',
          decision: 'approve',
          createdAt: '2026-01-01T00:00:00Z',
        },
      ],
    } as unknown as RequestRecord);
  const changeOf = (
    target: GitDelivery,
    p: PoolRecord,
    livePools: PoolRecord[] = [p],
  ) =>
    deliveryChange({
      cluster,
      delivery: target.config,
      pool: p,
      livePools,
      request: request(p.approvedRequestId!),
      link: `http://portal.test/nodepools/requests/${p.approvedRequestId}`,
    });

  it('opens one pull request per approval, with the rendered files, and finds it again when retried', async () => {
    const target = delivery('pull-request');
    const first = pool();
    const change = changeOf(target, first);
    const opened = await target.deliver(change);
    expect(opened).toMatchObject({ state: 'open' });
    expect(forge.pulls).toHaveLength(1);
    expect(forge.pulls[0]).toMatchObject({
      base: { ref: 'main' },
      head: { ref: 'nodepools/local/payments.pci/request-1' },
      title: 'Apply NodePool payments.pci on local (request request-1)',
    });
    // Credentials came from integrations.github: no request went through without the token,
    // apart from the challenge git's first probe gets.
    expect(forge.requests.filter(r => r.authed).length).toBeGreaterThan(0);

    // The file holds exactly what apply mode would write: the NodePool, then the namespace label.
    const written = await forge.file(change.branch, POOL_PATH);
    const docs = parseAllDocuments(written!).map(d => d.toJSON());
    expect(docs[0]).toEqual(
      JSON.parse(JSON.stringify(renderPoolObject(first, cluster.policy))),
    );
    expect(docs[1]).toMatchObject({
      kind: 'Namespace',
      metadata: {
        name: 'payments',
        labels: { [cluster.policy.teamLabelKey]: 'payments' },
      },
    });
    // Keys sorted: the same approval renders the same bytes.
    expect(written).toMatch(/^apiVersion: karpenter.sh\/v1\nkind: NodePool\n/);
    expect(await forge.file(change.branch, TENANCY_PATH)).toContain(
      'ValidatingAdmissionPolicy',
    );
    const [message] = await forge.log(change.branch);
    expect(message).toContain('request-1');
    expect(message).toContain('Approved by: user:default/alice');
    expect(message).toContain(
      'http://portal.test/nodepools/requests/request-1',
    );
    // Nothing on main until the pull request is merged.
    expect(await forge.file('main', POOL_PATH)).toBeNull();

    // A retried approval: the same pull request, no second one, no new commit.
    const pushes = forge.requests.filter(r =>
      r.path.endsWith('receive-pack'),
    ).length;
    expect(await target.deliver(changeOf(target, first))).toEqual(opened);
    expect(forge.pulls).toHaveLength(1);
    expect(
      forge.requests.filter(r => r.path.endsWith('receive-pack')).length,
    ).toBe(pushes);

    await forge.merge(1);
    expect(await target.deliver(change)).toMatchObject({ state: 'merged' });
    expect(await forge.file('main', POOL_PATH)).toBe(written);
  });

  it('updates the file for a change and removes it for a decommission, each in its own pull request', async () => {
    const target = delivery('pull-request');
    await target.deliver(changeOf(target, pool()));
    await forge.merge(1);
    const changed = pool({
      generation: 2,
      approvedRequestId: 'request-2',
      spec: {
        ...(createRequest().spec as unknown as PoolSpec),
        limits: { cpu: '32', memory: '128Gi' },
      },
    });
    expect(await target.deliver(changeOf(target, changed))).toMatchObject({
      state: 'open',
      pullRequest: { number: 2 },
    });
    await forge.merge(2);
    expect(await forge.file('main', POOL_PATH)).toContain('cpu: "32"');

    const removed = pool({
      generation: 3,
      approvedRequestId: 'request-3',
      phase: 'decommissioning',
    });
    const change = changeOf(target, removed);
    expect(change.title).toMatch(/^Remove NodePool payments.pci/);
    await target.deliver(change);
    await forge.merge(3);
    expect(await forge.file('main', POOL_PATH)).toBeNull();
    // The admission policies no longer name the team's pool.
    expect(await forge.file('main', TENANCY_PATH)).not.toContain('payments');
  });

  it('reports a pull request closed without merge, and opens no other for that approval', async () => {
    const target = delivery('pull-request');
    await target.deliver(changeOf(target, pool()));
    forge.close(1);
    expect(await target.deliver(changeOf(target, pool()))).toMatchObject({
      state: 'closed',
      pullRequest: { number: 1 },
    });
    expect(forge.pulls).toHaveLength(1);
  });

  it('in push mode commits to the base branch once, however often it is retried', async () => {
    const target = delivery('push');
    const change = changeOf(target, pool());
    expect(await target.deliver(change)).toEqual({ state: 'merged' });
    expect(await target.deliver(change)).toEqual({ state: 'merged' });
    expect(forge.pulls).toHaveLength(0);
    const log = await forge.log('main');
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^Apply NodePool payments.pci on local/);
    expect(await forge.file('main', POOL_PATH)).not.toBeNull();
  });

  it('fails without credentials for the repository', async () => {
    expect(() =>
      createGitDelivery(deliveryConfig('push'), new ConfigReader({})),
    ).toThrow(/No integrations.github entry matches/);
    const wrongToken = createGitDelivery(
      deliveryConfig('push'),
      new ConfigReader({
        integrations: {
          github: [{ ...forge.integration, token: 'not-the-token' }],
        },
      }),
    );
    await expect(
      wrongToken.deliver(changeOf(wrongToken, pool())),
    ).rejects.toThrow();
    expect(await forge.file('main', POOL_PATH)).toBeNull();
  });
});
