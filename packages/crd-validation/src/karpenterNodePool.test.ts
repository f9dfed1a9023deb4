import { CEL_SKIPPED_MESSAGE } from './CrdValidator';
import { karpenterCrdValidator } from './karpenterCrds';
import { guideNodePool } from './productionGuideExamples';
import { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';

/** Tests against the pinned Karpenter release's NodePool CRD (AWS copy unless noted). */
describeWithKarpenterCrds('the Karpenter NodePool CRD', () => {
  const aws = karpenterCrdValidator('nodepools');
  const core = karpenterCrdValidator('nodepools', { provider: 'core' });

  type NodePool = ReturnType<typeof guideNodePool>;
  type Requirement = {
    key: string;
    operator: string;
    values?: string[];
    minValues?: number;
  };

  function withChange(
    change: (np: NodePool & { spec: Record<string, unknown> }) => void,
  ) {
    const np = guideNodePool() as NodePool & { spec: Record<string, unknown> };
    change(np);
    return np;
  }

  const withRequirement = (r: Requirement) =>
    withChange(np => {
      (np.spec.template.spec.requirements as Requirement[]).push(r);
    });

  const withLabels = (labels: Record<string, string>) =>
    withChange(np => {
      Object.assign(np.spec.template, { metadata: { labels } });
    });

  const messagesAt = (result: {
    errors: Array<{ path: string; message: string }>;
  }) => result.errors.map(e => `${e.path}: ${e.message}`);

  describe('the production guide NodePool (Step 4)', () => {
    it('is valid against both CRD copies', () => {
      expect(aws.validate(guideNodePool()).errors).toEqual([]);
      expect(core.validate(guideNodePool()).errors).toEqual([]);
    });

    it('comes back with the apiserver defaults filled in', () => {
      const { object } = aws.validate(guideNodePool());
      expect(object.spec.disruption).toEqual({
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '30s',
        budgets: [{ nodes: '10%' }],
      });
      expect(object.spec.template.spec.expireAfter).toBe('720h');
    });

    it('gets the disruption block defaulted when it is left out', () => {
      const np = withChange(n => {
        delete (n.spec as { disruption?: unknown }).disruption;
      });
      const result = aws.validate(np);
      expect(result.valid).toBe(true);
      expect(result.object.spec.disruption).toEqual({
        consolidateAfter: '0s',
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        budgets: [{ nodes: '10%' }],
      });
    });
  });

  describe('NodePools the apiserver rejects, with the CRD message', () => {
    it('a template label in the karpenter.sh domain', () => {
      expect(
        messagesAt(aws.validate(withLabels({ 'karpenter.sh/foo': 'x' }))),
      ).toEqual([
        'spec.template.metadata.labels: label domain "karpenter.sh" is restricted',
      ]);
    });

    it('a template label in the karpenter.k8s.aws domain (AWS copy only)', () => {
      const np = withLabels({ 'karpenter.k8s.aws/foo': 'x' });
      expect(messagesAt(aws.validate(np))).toEqual([
        'spec.template.metadata.labels: label domain "karpenter.k8s.aws" is restricted',
      ]);
      expect(core.validate(np).valid).toBe(true);
      expect(
        aws.validate(withLabels({ 'karpenter.k8s.aws/instance-family': 'm5' }))
          .valid,
      ).toBe(true);
    });

    it('the karpenter.sh/nodepool and kubernetes.io/hostname labels', () => {
      expect(
        messagesAt(aws.validate(withLabels({ 'karpenter.sh/nodepool': 'x' }))),
      ).toEqual([
        'spec.template.metadata.labels: label "karpenter.sh/nodepool" is restricted',
      ]);
      expect(
        messagesAt(aws.validate(withLabels({ 'kubernetes.io/hostname': 'x' }))),
      ).toEqual([
        'spec.template.metadata.labels: label "kubernetes.io/hostname" is restricted',
      ]);
    });

    it('requirement keys in restricted domains', () => {
      expect(
        messagesAt(
          aws.validate(
            withRequirement({ key: 'karpenter.sh/foo', operator: 'Exists' }),
          ),
        ),
      ).toEqual([
        'spec.template.spec.requirements[6].key: label domain "karpenter.sh" is restricted',
      ]);
      expect(
        messagesAt(
          aws.validate(
            withRequirement({
              key: 'karpenter.k8s.aws/foo',
              operator: 'Exists',
            }),
          ),
        ),
      ).toEqual([
        'spec.template.spec.requirements[6].key: label domain "karpenter.k8s.aws" is restricted',
      ]);
      expect(
        messagesAt(
          aws.validate(
            withRequirement({
              key: 'karpenter.sh/nodepool',
              operator: 'In',
              values: ['a'],
            }),
          ),
        ),
      ).toEqual([
        'spec.template.spec.requirements[6].key: label "karpenter.sh/nodepool" is restricted',
      ]);
    });

    it("an 'In' requirement without values", () => {
      expect(
        messagesAt(
          aws.validate(
            withRequirement({
              key: 'kubernetes.io/os',
              operator: 'In',
              values: [],
            }),
          ),
        ),
      ).toEqual([
        "spec.template.spec.requirements: requirements with operator 'In' must have a value defined",
      ]);
      expect(
        messagesAt(
          aws.validate(
            withRequirement({ key: 'kubernetes.io/os', operator: 'In' }),
          ),
        )[0],
      ).toBe(
        "spec.template.spec.requirements: requirements with operator 'In' must have a value defined",
      );
    });

    it("a 'Gt' requirement whose value is not an integer (a CEL evaluation error)", () => {
      const result = aws.validate(
        withRequirement({
          key: 'example.com/gen',
          operator: 'Gt',
          values: ['five'],
        }),
      );
      expect(result.errors).toEqual([
        expect.objectContaining({
          path: 'spec.template.spec.requirements',
          message:
            "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
          kind: 'cel',
          detail: expect.stringContaining('evaluating rule'),
        }),
      ]);
      expect(
        aws.validate(
          withRequirement({
            key: 'example.com/gen',
            operator: 'Lt',
            values: ['-1'],
          }),
        ).errors[0].message,
      ).toBe(
        "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
      );
      expect(
        aws.validate(
          withRequirement({
            key: 'example.com/gen',
            operator: 'Gte',
            values: ['1', '2'],
          }),
        ).valid,
      ).toBe(false);
    });

    it('minValues above the number of values', () => {
      expect(
        messagesAt(
          aws.validate(
            withRequirement({
              key: 'kubernetes.io/os',
              operator: 'In',
              values: ['linux'],
              minValues: 2,
            }),
          ),
        ),
      ).toEqual([
        "spec.template.spec.requirements: requirements with 'minValues' must have at least that many values specified in the 'values' field",
      ]);
    });

    it('a disruption budget with a schedule but no duration', () => {
      const np = withChange(n => {
        Object.assign(n.spec.disruption, {
          budgets: [{ nodes: '10%', schedule: '@daily' }],
        });
      });
      expect(messagesAt(aws.validate(np))).toEqual([
        "spec.disruption.budgets: 'schedule' must be set with 'duration'",
      ]);
    });

    it('an empty nodeClassRef name, and a missing one', () => {
      const empty = withChange(n => {
        n.spec.template.spec.nodeClassRef.name = '';
      });
      expect(messagesAt(aws.validate(empty))).toEqual([
        'spec.template.spec.nodeClassRef.name: name may not be empty',
      ]);
      const missing = withChange(n => {
        delete (n.spec.template.spec.nodeClassRef as { name?: string }).name;
      });
      expect(messagesAt(aws.validate(missing))).toEqual([
        'spec.template.spec.nodeClassRef.name: Required value',
        `: ${CEL_SKIPPED_MESSAGE}`,
      ]);
    });

    it('a consolidateAfter that is not a Go duration', () => {
      const np = withChange(n => {
        n.spec.disruption.consolidateAfter = '5 minutes';
      });
      expect(messagesAt(aws.validate(np))).toEqual([
        'spec.disruption.consolidateAfter: Invalid value: "5 minutes": spec.disruption.consolidateAfter in body should match \'^(([0-9]+(s|m|h))+|Never)$\'',
      ]);
    });

    it('a v1beta1 kubelet block, as strict field validation reports it', () => {
      const np = withChange(n => {
        Object.assign(n.spec.template.spec, { kubelet: { maxPods: 110 } });
      });
      expect(aws.validate(np).errors).toEqual([
        {
          path: 'spec.template.spec.kubelet',
          message: 'unknown field "spec.template.spec.kubelet"',
          kind: 'unknown-field',
          reason: 'FieldValueInvalid',
        },
      ]);
      const pruned = aws.validate(np, { unknownFields: 'prune' });
      expect(pruned.valid).toBe(true);
      expect(pruned.object.spec.template.spec).not.toHaveProperty('kubelet');
    });

    it('weight out of range, unknown operator and taint effect', () => {
      const np = withChange(n => {
        n.spec.weight = 0;
        Object.assign(n.spec.template.spec, {
          taints: [{ key: 'gpu', effect: 'NoRun' }],
        });
      });
      (np.spec.template.spec.requirements as Requirement[])[0].operator =
        'Equals';
      expect(messagesAt(aws.validate(np))).toEqual([
        expect.stringMatching(
          /^spec\.template\.spec\.requirements\[0\]\.operator: Unsupported value: "Equals"/,
        ),
        expect.stringMatching(
          /^spec\.template\.spec\.taints\[0\]\.effect: Unsupported value: "NoRun"/,
        ),
        'spec.weight: Invalid value: 0: spec.weight in body should be greater than or equal to 1',
        `: ${CEL_SKIPPED_MESSAGE}`,
      ]);
    });

    it('static NodePools: weight and non-node limits are refused', () => {
      const np = withChange(n => {
        n.spec.replicas = 3;
      });
      expect(messagesAt(aws.validate(np))).toEqual([
        "spec: only 'limits.nodes' is supported on static NodePools",
        "spec: 'weight' is not supported on static NodePools",
      ]);
    });
  });

  describe('NodePool transition rules', () => {
    it('refuse changing nodeClassRef.group on update but not on create', () => {
      const changed = withChange(n => {
        n.spec.template.spec.nodeClassRef.group = 'karpenter.kwok.sh';
      });
      expect(aws.validate(changed).valid).toBe(true);
      expect(
        messagesAt(aws.validate(changed, { oldObject: guideNodePool() })),
      ).toEqual([
        'spec.template.spec.nodeClassRef: nodeClassRef.group is immutable',
      ]);
    });

    it('refuse moving between static and dynamic provisioning', () => {
      const staticPool = withChange(n => {
        n.spec.replicas = 2;
        delete (n.spec as { weight?: number }).weight;
        n.spec.limits = { nodes: 10 } as unknown as NodePool['spec']['limits'];
      });
      expect(aws.validate(staticPool).valid).toBe(true);
      expect(
        messagesAt(aws.validate(staticPool, { oldObject: guideNodePool() })),
      ).toEqual([
        'spec: Cannot transition NodePool between static (replicas set) and dynamic (replicas unset) provisioning modes',
      ]);
    });

    it('accept an update that changes mutable fields', () => {
      const changed = withChange(n => {
        n.spec.weight = 50;
        n.spec.template.spec.nodeClassRef.name = 'other';
      });
      expect(aws.validate(changed, { oldObject: guideNodePool() }).valid).toBe(
        true,
      );
    });
  });
});
