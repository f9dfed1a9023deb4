import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { NodePoolsRequestRefusedError } from '@nodepools/plugin-nodepools-node';
import { createRequestAction, type RequestFiler } from './createRequestAction';
import { backend, sampleRequest } from '../__testUtils__/fakeBackend';

const input = sampleRequest;

/** A context whose checkpoints persist across runs, as the scaffolder keeps them in task state. */
function contextWith(
  checkpoints: Map<string, unknown>,
  overrides: object = {},
) {
  const ctx = createMockActionContext({ input });
  // The mock context ignores these options, so set them on the context it returns.
  Object.assign(ctx, {
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/bob'),
    ...overrides,
  });
  (ctx as any).checkpoint = async ({
    key,
    fn,
  }: {
    key: string;
    fn: () => Promise<unknown>;
  }) => {
    if (!checkpoints.has(key)) checkpoints.set(key, await fn());
    return checkpoints.get(key);
  };
  return ctx;
}

describe('nodepools:request', () => {
  it('files the request as the user who runs the template', async () => {
    const { client, filed } = backend();
    const ctx = contextWith(new Map());
    await createRequestAction({ client, appBaseUrl: 'http://portal' }).handler(
      ctx,
    );
    expect(filed).toEqual([{ request: input, user: 'user:default/bob' }]);
    expect(ctx.output).toHaveBeenCalledWith('requestId', 'req-1');
    expect(ctx.output).toHaveBeenCalledWith(
      'requestUrl',
      'http://portal/nodepools/requests/req-1',
    );
    expect(ctx.output).toHaveBeenCalledWith('state', 'pending');
  });

  it('files nothing in a dry run and outputs the preview', async () => {
    const { client, filed } = backend();
    const ctx = contextWith(new Map(), { isDryRun: true });
    await createRequestAction({ client, appBaseUrl: 'http://portal' }).handler(
      ctx,
    );
    expect(filed).toEqual([]);
    expect(client.previewRequest).toHaveBeenCalledWith(
      input,
      expect.anything(),
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'manifests',
      expect.stringContaining('name: payments.pci'),
    );
    expect(ctx.output).toHaveBeenCalledWith('state', 'preview');
    expect(ctx.output).toHaveBeenCalledWith('allowed', true);
    expect(ctx.output).toHaveBeenCalledWith(
      'verdict',
      'Within the cluster policy. Monthly cost ceiling 762.7 USD. Team budget left on the cluster afterwards: 112 CPU, 448Gi memory, 0 GPU.',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'impact',
      'No node is replaced by this change.',
    );
  });

  it("outputs the target API server's verdict of a dry run, its message when it refuses", async () => {
    const refusal =
      'NodePool.karpenter.sh "payments.pci" is invalid: spec.template.metadata.labels: Invalid value: "object": label domain "karpenter.sh" is restricted';
    const withServer = (
      verdict: 'accepted' | 'refused' | 'unreachable',
      message: string,
    ) =>
      backend({
        previewRequest: jest.fn(async () => ({
          ...(await backend().client.previewRequest(input, {} as any)),
          server: {
            cluster: 'local',
            validator: 'Karpenter CRDs',
            verdicts: [
              { kind: 'NodePool', name: 'payments.pci', verdict, message },
            ],
          },
        })),
      }).client;
    const outputOf = async (client: RequestFiler) => {
      const ctx = contextWith(new Map(), { isDryRun: true });
      await createRequestAction({ client, appBaseUrl: '' }).handler(ctx);
      return (ctx.output as jest.Mock).mock.calls.find(
        ([name]) => name === 'serverVerdict',
      )?.[1];
    };

    expect(await outputOf(withServer('refused', refusal))).toBe(
      `Refused by local's API server (Karpenter CRDs): NodePool payments.pci: ${refusal}.`,
    );
    expect(
      await outputOf(withServer('accepted', "accepted by local's API server")),
    ).toBe("Accepted by local's API server (Karpenter CRDs).");
    expect(
      await outputOf(
        withServer(
          'unreachable',
          "local could not be reached; only the portal's own checks apply",
        ),
      ),
    ).toBe(
      "Not checked by local's API server: local could not be reached; only the portal's own checks apply.",
    );
    // A backend that did not ask (no url, older backend): no such output.
    expect(await outputOf(backend().client)).toBeUndefined();
  });

  it('names every violation in the verdict of a dry run the policy refuses', async () => {
    const { client } = backend();
    const ctx = contextWith(new Map(), {
      isDryRun: true,
      input: {
        ...input,
        spec: { ...input.spec, limits: { cpu: '400', memory: '16Gi' } },
      },
    });
    await createRequestAction({ client, appBaseUrl: '' }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allowed', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'verdict',
      expect.stringMatching(
        /^Refused by the cluster policy: spec\.limits\.cpu: [^;]*400/,
      ),
    );
  });

  it('files one request when the step is retried after a crash', async () => {
    const { client, filed } = backend();
    const checkpoints = new Map<string, unknown>();
    const crashing = contextWith(checkpoints);
    (crashing.output as jest.Mock).mockImplementationOnce(() => {
      throw new Error('worker died');
    });
    const action = createRequestAction({ client, appBaseUrl: 'http://portal' });
    await expect(action.handler(crashing)).rejects.toThrow('worker died');
    const retry = contextWith(checkpoints);
    await action.handler(retry);
    expect(filed).toHaveLength(1);
    expect(retry.output).toHaveBeenCalledWith('requestId', 'req-1');
  });

  it("refuses a user outside the team with the backend's reason", async () => {
    const reason =
      'you may not request node pools for group:default/payments: you are not a member of that team';
    const { client } = backend({
      fileRequest: async () => {
        throw new NodePoolsRequestRefusedError(reason, 403, [], []);
      },
    });
    const promise = createRequestAction({ client, appBaseUrl: '' }).handler(
      contextWith(new Map()),
    );
    await expect(promise).rejects.toBeInstanceOf(NotAllowedError);
    await expect(promise).rejects.toThrow(reason);
  });

  it('passes field errors and policy violations on as input errors', async () => {
    const { client } = backend({
      fileRequest: async () => {
        throw new NodePoolsRequestRefusedError(
          'the cluster policy refuses this request: ...',
          400,
          [],
          [
            {
              path: 'spec.limits.cpu',
              message:
                "CPU limit 400 is above this cluster's per-pool maximum of 64",
            },
          ],
        );
      },
    });
    await expect(
      createRequestAction({ client, appBaseUrl: '' }).handler(
        contextWith(new Map()),
      ),
    ).rejects.toThrow(
      "the cluster policy refuses this request: spec.limits.cpu: CPU limit 400 is above this cluster's per-pool maximum of 64",
    );
  });
});
