import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { describeApiServer } from '@nodepools/local-cluster';
import type { NodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { createServer, type Server, type Socket } from 'node:net';
import { createRequest, people, testConfig } from '../__testUtils__/fixtures';
import { NodePoolsReconciler } from '../reconciler/NodePoolsReconciler';
import {
  reconcilerTestEnv,
  SHARED_POLICY,
} from '../reconciler/__testUtils__/reconcilerTestEnv';
import { RequestWorkflow } from './RequestWorkflow';
import { parsePoolRequest } from './parsePoolRequest';

type Env = Awaited<ReturnType<typeof reconcilerTestEnv>>;

const TIMEOUT_MS = 500;

/**
 * The preview asks the target cluster's API server (issue 17): a server-side dry-run apply of
 * the NodePool, judged by the real Karpenter v1.14.1 CRDs installed in the suite's kube-apiserver.
 * The cluster "typo" is the same API server under a policy the core accepts and the CRD refuses:
 * the team label key `notkarpenter.sh/team`. The core restricts the domain `karpenter.sh` and its
 * subdomains; the CRD's CEL rule refuses every domain that merely ends with "karpenter.sh".
 */
describeApiServer("The target API server's verdict in the preview", suite => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let env: Env;
  let workflow: RequestWorkflow;
  // Accepts TLS connections and never answers: a cluster that hangs.
  let silent: Server;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    env = await reconcilerTestEnv(suite, databases);
    silent = createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    const local = env.config.clusters[0];
    const typoPolicy = testConfig({
      ...SHARED_POLICY,
      teamLabelKey: 'notkarpenter.sh/team',
    }).clusters[0].policy;
    const config: NodePoolsConfig = {
      ...env.config,
      clusters: [
        local,
        { ...local, name: 'typo', policy: typoPolicy },
        // Port 1 on loopback: nothing listens, every connection is refused at once.
        { ...local, name: 'offline', url: 'https://127.0.0.1:1' },
        { ...local, name: 'silent', url: `https://127.0.0.1:${port}` },
      ],
    };
    const logger = mockServices.logger.mock();
    // The reconciler's own clients, as the plugin wires them.
    const reconciler = new NodePoolsReconciler({
      config,
      store: env.store,
      logger,
    });
    workflow = new RequestWorkflow({
      store: env.store,
      config,
      logger,
      clusterClient: cluster => reconciler.clientOf(cluster),
      serverVerdictTimeoutMs: TIMEOUT_MS,
    });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise(resolve => silent.close(resolve));
    await env.close();
  });

  const request = (overrides: Record<string, unknown>) =>
    createRequest({ owner: env.owner, ...overrides });
  const nodePoolOf = async (cluster: string, pool: string) =>
    (
      await workflow.preview(parsePoolRequest(request({ cluster, pool })))
    ).manifests.find(m => m.kind === 'NodePool')!.metadata.name;

  it('says the API server accepts a NodePool it would take, and writes nothing', async () => {
    const name = await nodePoolOf('local', 'fits');
    const response = await workflow.previewWithWarnings(
      parsePoolRequest(request({ pool: 'fits' })),
    );
    expect(response.preview.policy.allowed).toBe(true);
    expect(response.server).toEqual({
      cluster: 'local',
      validator: 'Karpenter CRDs',
      verdicts: [
        {
          kind: 'NodePool',
          name,
          verdict: 'accepted',
          message: "accepted by local's API server",
        },
      ],
    });
    // A dry run: the object does not exist afterwards.
    expect(
      await env.reconcilerClient().get({
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name },
      }),
    ).toBeUndefined();
  });

  it("shows what the cluster's CRDs refuse although the portal's checks let it through, and refuses to approve it", async () => {
    const name = await nodePoolOf('typo', 'typo');
    const response = await workflow.previewWithWarnings(
      parsePoolRequest(request({ cluster: 'typo', pool: 'typo' })),
    );
    // The core's own checks let it through...
    expect(response.preview.policy).toEqual({ allowed: true, violations: [] });
    // ...the API server does not, in its own words.
    expect(response.server?.verdicts).toEqual([
      {
        kind: 'NodePool',
        name,
        verdict: 'refused',
        message: expect.stringContaining(
          'label domain "karpenter.sh" is restricted',
        ),
      },
    ]);
    expect(response.server!.verdicts[0].message).toMatch(
      /^NodePool\.karpenter\.sh ".*" is invalid: spec\.template\.metadata\.labels/,
    );

    // Filing is the core's call; the approvers' view shows the same verdict...
    const filed = await workflow.file(
      parsePoolRequest(request({ cluster: 'typo', pool: 'typo' })),
      people.bob,
    );
    const stored = await workflow.previewStoredWithWarnings(filed);
    expect(stored.server?.verdicts).toEqual(response.server?.verdicts);
    // ...and approving what can never apply is refused with the server's message.
    const approval = workflow.decide(filed.id, people.approver(1), 'approve');
    await expect(approval).rejects.toThrow(ConflictError);
    await expect(approval).rejects.toThrow(
      /the API server of typo refuses NodePool .*: .*label domain "karpenter.sh" is restricted/,
    );
    expect((await env.store.getRequest(filed.id))!.state).toBe('pending');
    expect((await env.store.getRequest(filed.id))!.decisions).toEqual([]);
    // Rejecting it needs no word from the cluster.
    expect(
      (await workflow.decide(filed.id, people.approver(1), 'reject', 'typo'))
        .state,
    ).toBe('rejected');
  });

  it('says when the cluster cannot be reached or does not answer in time, answers anyway, and does not block approval', async () => {
    let started = Date.now();
    const offline = await workflow.previewWithWarnings(
      parsePoolRequest(request({ cluster: 'offline', pool: 'down' })),
    );
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS);
    expect(offline.preview.policy.allowed).toBe(true);
    expect(offline.server?.verdicts).toEqual([
      expect.objectContaining({
        verdict: 'unreachable',
        message:
          "offline could not be reached; only the portal's own checks apply",
      }),
    ]);

    started = Date.now();
    const slow = await workflow.previewWithWarnings(
      parsePoolRequest(request({ cluster: 'silent', pool: 'slow' })),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 10);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1000);
    expect(slow.server?.verdicts).toEqual([
      expect.objectContaining({
        verdict: 'timeout',
        message: `the API server of silent did not answer within ${TIMEOUT_MS} ms; only the portal's own checks apply`,
      }),
    ]);

    // No answer is not a refusal: the core's checks decide.
    const filed = await workflow.file(
      parsePoolRequest(request({ cluster: 'offline', pool: 'down' })),
      people.bob,
    );
    expect(
      (await workflow.decide(filed.id, people.approver(1), 'approve')).state,
    ).toBe('approved');
  });

  it('does not ask about a NodePool whose name someone else holds, and says why', async () => {
    const name = await nodePoolOf('local', 'held');
    await suite.client().apply(
      {
        apiVersion: 'karpenter.sh/v1',
        kind: 'NodePool',
        metadata: { name },
        spec: {
          template: {
            spec: {
              requirements: [
                {
                  key: 'kubernetes.io/arch',
                  operator: 'In',
                  values: ['arm64'],
                },
              ],
              nodeClassRef: {
                group: 'karpenter.k8s.aws',
                kind: 'EC2NodeClass',
                name: 'default',
              },
            },
          },
          limits: { cpu: '1' },
        },
      },
      'someone-else',
    );
    // The reconciler's pass observes the name as taken.
    await env.reconciler.reconcileCluster('local');
    const response = await workflow.previewWithWarnings(
      parsePoolRequest(request({ pool: 'held' })),
    );
    expect(response.preview.policy.allowed).toBe(false);
    expect(response.server?.verdicts).toEqual([
      {
        kind: 'NodePool',
        name,
        verdict: 'skipped',
        message: expect.stringContaining(
          'held by a NodePool that backstage-nodepools does not manage',
        ),
      },
    ]);
  });
});
