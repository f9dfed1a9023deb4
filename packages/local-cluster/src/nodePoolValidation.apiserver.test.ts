import { describeApiServer } from './jest/describeApiServer.ts';
import { KubeApiError } from './kube/KubeApiError.ts';
import type { KubeObject } from './kube/resourcePath.ts';
import { guideNodePool } from './testFixtures/productionGuideExamples.ts';

/** The NodePool of Step 4 of the production guide, under a suite's own name. */
function productionGuideNodePool(name: string): KubeObject {
  return { ...guideNodePool(), metadata: { name } };
}

/** Runs `fn`, expecting the API server to refuse; returns the error for assertions. */
async function refusal(fn: () => Promise<unknown>): Promise<KubeApiError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof KubeApiError) return error;
    throw error;
  }
  throw new Error('The API server accepted an object it should have refused');
}

function withTemplate(
  pool: KubeObject,
  edit: (
    templateSpec: Record<string, unknown>,
    template: Record<string, unknown>,
  ) => void,
): KubeObject {
  const copy = structuredClone(pool) as KubeObject & {
    spec: {
      template: { spec: Record<string, unknown> } & Record<string, unknown>;
    };
  };
  edit(copy.spec.template.spec, copy.spec.template);
  return copy;
}

describeApiServer('NodePool CRD rules on a real kube-apiserver', suite => {
  it('accepts the NodePool of Step 4 of the production guide, under strict field validation', async () => {
    const admin = suite.client();
    const pool = productionGuideNodePool(suite.name('default'));
    const created = await admin.create<KubeObject>(pool, {
      fieldValidation: 'Strict',
    });
    expect(created.metadata.name).toBe(suite.name('default'));
    // Defaults from the CRD schema were applied server-side.
    expect(created).toMatchObject({
      spec: { disruption: { budgets: [{ nodes: '10%' }] } },
    });
  });

  it('rejects a karpenter.sh/* template label outside the allowed keys, with the CRD message', async () => {
    const pool = withTemplate(
      productionGuideNodePool(suite.name('bad-label')),
      (_spec, template) => {
        template.metadata = { labels: { 'karpenter.sh/team': 'payments' } };
      },
    );
    const error = await refusal(() => suite.client().create(pool));
    expect(error.statusCode).toBe(422);
    expect(error.status.reason).toBe('Invalid');
    expect(error.status.message).toContain(
      'label domain "karpenter.sh" is restricted',
    );
    expect(error.status.details?.causes?.[0]?.field).toBe(
      'spec.template.metadata.labels',
    );
  });

  it('rejects an In requirement without values, with the CRD message', async () => {
    const pool = withTemplate(
      productionGuideNodePool(suite.name('empty-in')),
      spec => {
        spec.requirements = [
          { key: 'kubernetes.io/arch', operator: 'In', values: [] },
        ];
      },
    );
    const error = await refusal(() => suite.client().create(pool));
    expect(error.statusCode).toBe(422);
    expect(error.status.message).toContain(
      "requirements with operator 'In' must have a value defined",
    );
  });

  it('refuses the v1beta1 kubelet block under strict field validation, and only warns without it', async () => {
    const pool = withTemplate(
      productionGuideNodePool(suite.name('kubelet')),
      spec => {
        spec.kubelet = { maxPods: 110 };
      },
    );
    const error = await refusal(() =>
      suite.client().create(pool, { fieldValidation: 'Strict' }),
    );
    expect(error.statusCode).toBe(400);
    expect(error.status.message).toContain(
      'unknown field "spec.template.spec.kubelet"',
    );

    // The same object passes with the default (Warn): the field is silently pruned. That is
    // why the reconciler must apply with fieldValidation=Strict.
    const accepted = await suite
      .client()
      .create<
        KubeObject & { spec: { template: { spec: Record<string, unknown> } } }
      >(pool, { dryRun: true, fieldValidation: 'Warn' });
    expect(accepted.spec.template.spec.kubelet).toBeUndefined();
  });

  it('enforces the AWS provider rule on karpenter.k8s.aws/* requirement keys', async () => {
    const pool = withTemplate(
      productionGuideNodePool(suite.name('aws-key')),
      spec => {
        spec.requirements = [
          {
            key: 'karpenter.k8s.aws/instance-colour',
            operator: 'In',
            values: ['blue'],
          },
        ];
      },
    );
    const error = await refusal(() => suite.client().create(pool));
    expect(error.statusCode).toBe(422);
    expect(error.status.message).toContain(
      'label domain "karpenter.k8s.aws" is restricted',
    );
  });

  it('defaults a left-out disruption block, and requires consolidateAfter in a given one', async () => {
    const admin = suite.client();
    const bare = productionGuideNodePool(
      suite.name('no-disruption'),
    ) as KubeObject & {
      spec: Record<string, unknown>;
    };
    delete bare.spec.disruption;
    const stored = await admin.create<KubeObject>(bare, {
      dryRun: true,
      fieldValidation: 'Strict',
    });
    expect(stored).toMatchObject({
      spec: {
        disruption: {
          consolidateAfter: '0s',
          consolidationPolicy: 'WhenEmptyOrUnderutilized',
          budgets: [{ nodes: '10%' }],
        },
      },
    });

    const balanced = {
      ...bare,
      spec: { ...bare.spec, disruption: { consolidationPolicy: 'Balanced' } },
    };
    const error = await refusal(() => admin.create(balanced, { dryRun: true }));
    expect(error.statusCode).toBe(422);
    expect(error.status.details?.causes).toContainEqual(
      expect.objectContaining({
        field: 'spec.disruption.consolidateAfter',
        message: 'Required value',
      }),
    );
  });

  it('allows the well-known karpenter.k8s.aws labels on the template', async () => {
    const pool = withTemplate(
      productionGuideNodePool(suite.name('aws-label')),
      (_spec, template) => {
        template.metadata = {
          labels: { 'karpenter.k8s.aws/instance-family': 'm5' },
        };
      },
    );
    await expect(
      suite.client().create(pool, { dryRun: true, fieldValidation: 'Strict' }),
    ).resolves.toBeDefined();
  });

  it('refuses changing nodeClassRef.group on update (a transition rule), not on create', async () => {
    const admin = suite.client();
    const name = suite.name('immutable-group');
    await admin.apply(productionGuideNodePool(name), 'nodepools-tests');
    const moved = withTemplate(productionGuideNodePool(name), spec => {
      spec.nodeClassRef = {
        group: 'karpenter.kwok.sh',
        kind: 'EC2NodeClass',
        name: 'default',
      };
    });
    const error = await refusal(() =>
      admin.apply(moved, 'nodepools-tests', { dryRun: true }),
    );
    expect(error.statusCode).toBe(422);
    expect(error.status.message).toContain('nodeClassRef.group is immutable');
    const fresh = { ...moved, metadata: { name: suite.name('new-group') } };
    await expect(admin.create(fresh, { dryRun: true })).resolves.toBeDefined();
    await admin.delete(productionGuideNodePool(name));
  });
});
