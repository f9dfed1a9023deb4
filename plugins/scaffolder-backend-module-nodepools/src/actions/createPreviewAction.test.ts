import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { mockCredentials } from '@backstage/backend-test-utils';
import { NodePoolsRequestRefusedError } from '@nodepools/plugin-nodepools-node';
import { createPreviewAction } from './createPreviewAction';
import { backend, sampleRequest } from '../__testUtils__/fakeBackend';

/** A context as bob runs the step (the mock context ignores credentials, so set them). */
function contextFor(request: typeof sampleRequest) {
  const ctx = createMockActionContext({ input: { request } });
  Object.assign(ctx, {
    getInitiatorCredentials: async () =>
      mockCredentials.user('user:default/bob'),
  });
  return ctx;
}

describe('nodepools:preview', () => {
  it("asks the backend's preview as the user who runs the template, and outputs it", async () => {
    const { client } = backend();
    const ctx = contextFor(sampleRequest);
    await createPreviewAction({ client }).handler(ctx);

    expect(client.previewRequest).toHaveBeenCalledWith(
      sampleRequest,
      mockCredentials.user('user:default/bob'),
    );
    expect(ctx.output).toHaveBeenCalledWith('allowed', true);
    expect(ctx.output).toHaveBeenCalledWith('violations', []);
    expect(ctx.output).toHaveBeenCalledWith('monthlyCeiling', '762.7 USD');
    expect(ctx.output).toHaveBeenCalledWith('warnings', []);
    expect(ctx.output).toHaveBeenCalledWith(
      'manifests',
      expect.stringContaining('name: payments.pci'),
    );
  });

  it('reports policy violations without failing the step', async () => {
    const { client } = backend();
    const ctx = contextFor({
      ...sampleRequest,
      spec: { ...sampleRequest.spec, limits: { cpu: '400', memory: '16Gi' } },
    });
    await createPreviewAction({ client }).handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allowed', false);
    expect(ctx.output).toHaveBeenCalledWith(
      'violations',
      expect.arrayContaining([expect.stringMatching(/^spec\.limits\.cpu: /)]),
    );
  });

  it("fails with the backend's field errors, named within the action's `request` input", async () => {
    const { client } = backend({
      previewRequest: jest.fn(async () => {
        throw new NodePoolsRequestRefusedError(
          'invalid request: pool: must be a DNS label',
          400,
          [{ path: 'pool', message: 'must be a DNS label' }],
          [],
        );
      }),
    });
    await expect(
      createPreviewAction({ client }).handler(
        contextFor({ ...sampleRequest, pool: 'Not A Name' }),
      ),
    ).rejects.toThrow('invalid request: request.pool: must be a DNS label');
  });

  it('supports template dry runs (it files nothing)', () => {
    expect(
      createPreviewAction({ client: backend().client }).supportsDryRun,
    ).toBe(true);
  });
});
