import { requestFromForm } from './requestFromForm';

/** The request form with the guide's Step 4 pool in it, the advanced step included. */
const step4Form = {
  owner: 'group:default/payments',
  cluster: 'staging',
  pool: 'general',
  architectures: ['amd64', 'arm64'],
  capacityTypes: ['spot', 'on-demand'],
  nodeClass: 'default',
  advanced: {
    instanceCategories: ['m', 'c', 'r'],
    minInstanceGeneration: 6,
    excludedInstanceSizes: ['nano', 'micro', 'small', 'metal'],
    consolidationPolicy: 'WhenEmptyOrUnderutilized',
    consolidateAfter: '30s',
    expireAfter: '720h',
    weight: 10,
    gpu: '2',
  },
  limits: { cpu: '32', memory: '128Gi' },
  namespaces: ['payments'],
  justification: 'General purpose pool from the guide',
};

describe('requestFromForm', () => {
  it('checks the advanced settings the template step files, as it maps them', () => {
    expect(requestFromForm(step4Form, 'create')).toEqual({
      missing: [],
      request: {
        kind: 'create',
        owner: 'group:default/payments',
        cluster: 'staging',
        pool: 'general',
        justification: 'General purpose pool from the guide',
        spec: {
          requirements: {
            architectures: ['amd64', 'arm64'],
            capacityTypes: ['spot', 'on-demand'],
            instanceCategories: ['m', 'c', 'r'],
            minInstanceGeneration: 6,
            excludedInstanceSizes: ['nano', 'micro', 'small', 'metal'],
          },
          limits: { cpu: '32', memory: '128Gi', gpu: '2' },
          disruption: {
            consolidationPolicy: 'WhenEmptyOrUnderutilized',
            consolidateAfter: '30s',
          },
          expireAfter: '720h',
          weight: 10,
          nodeClass: 'default',
          namespaces: ['payments'],
        },
      },
    });
  });

  it('leaves out what the advanced step did not set, as the step does', () => {
    const { advanced, ...simple } = step4Form;
    expect(requestFromForm(simple, 'create').request).toMatchObject({
      spec: {
        requirements: {
          architectures: ['amd64', 'arm64'],
          capacityTypes: ['spot', 'on-demand'],
        },
        limits: { cpu: '32', memory: '128Gi' },
      },
    });
    expect(
      Object.keys(requestFromForm(simple, 'create').request!.spec!).sort(),
    ).toEqual(['limits', 'namespaces', 'nodeClass', 'requirements']);
  });
});
