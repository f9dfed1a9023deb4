import { previewInput } from './previewInput';

describe('previewInput', () => {
  it('waits for team, cluster and both limits', () => {
    expect(
      previewInput({ cpu: '8' }, { owner: 'g', cluster: 'c' }),
    ).toBeUndefined();
    expect(
      previewInput({ cpu: '8', memory: '8Gi' }, { cluster: 'c' }),
    ).toBeUndefined();
  });

  it('uses the form as filled in, with stand-ins only for what comes later', () => {
    expect(
      previewInput(
        { cpu: '8', memory: '32Gi' },
        {
          owner: 'group:default/payments',
          cluster: 'local',
          capacityTypes: ['spot'],
          namespaces: ['payments'],
          justification: 'Short',
        },
      ),
    ).toEqual({
      kind: 'create',
      owner: 'group:default/payments',
      cluster: 'local',
      pool: 'preview',
      justification: 'Previewing limits while filling in the form',
      spec: {
        requirements: { architectures: ['amd64'], capacityTypes: ['spot'] },
        limits: { cpu: '8', memory: '32Gi' },
        nodeClass: 'default',
        namespaces: ['payments'],
      },
    });
  });
});
