import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import { createPreviewAction } from './createPreviewAction';

const config = {
  platformOwner: 'group:default/platform',
  clusters: [
    {
      name: 'local',
      title: 'Local',
      policy: clusterPolicySchema.parse({
        maxPoolLimits: { cpu: '8', memory: '32Gi' },
      }),
    },
  ],
};

const request = {
  kind: 'create',
  owner: 'group:default/payments',
  cluster: 'local',
  pool: 'pci',
  justification: 'PCI workloads need dedicated nodes',
  spec: {
    requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
    limits: { cpu: '4', memory: '16Gi' },
    nodeClass: 'default',
    namespaces: ['payments'],
  },
};

describe('nodepools:preview', () => {
  const action = createPreviewAction({ config });

  it('renders the NodePool and the policy verdict', async () => {
    const ctx = createMockActionContext({ input: { request } });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allowed', true);
    const manifests = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'manifests',
    )[1];
    expect(manifests).toContain('name: payments.pci');
    expect(manifests).toContain('effect: NoSchedule');
  });

  it('reports policy violations without failing the step', async () => {
    const ctx = createMockActionContext({
      input: {
        request: {
          ...request,
          spec: { ...request.spec, limits: { cpu: '16', memory: '16Gi' } },
        },
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('allowed', false);
    expect(ctx.output).toHaveBeenCalledWith('violations', [
      expect.stringContaining('spec.limits.cpu'),
    ]);
  });

  it('fails with the field at fault for malformed input', async () => {
    const ctx = createMockActionContext({
      input: { request: { ...request, pool: 'Not A Name' } },
    });
    await expect(action.handler(ctx)).rejects.toThrow(/request\.pool/);
    const unknown = createMockActionContext({
      input: { request: { ...request, cluster: 'mars' } },
    });
    await expect(action.handler(unknown)).rejects.toThrow(
      /request\.cluster: "mars" is not a configured cluster/,
    );
  });

  it('supports template dry runs (it changes nothing)', () => {
    expect(action.supportsDryRun).toBe(true);
  });
});
