import fc from 'fast-check';
import { karpenterCrdValidator } from './karpenterCrds';
import { guideNodePool } from './productionGuideExamples';
import {
  allowedKey,
  GeneratedNodePool,
  labelValue,
  objectName,
  Requirement,
  validNodePool,
} from './__testUtils__/nodePoolArbitraries';
import type { CrdValidationError } from './validationError';
import { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';

describeWithKarpenterCrds('generated NodePools against the CRD', () => {
  const validator = karpenterCrdValidator('nodepools');

  const noInternalErrors = (errors: CrdValidationError[]) =>
    errors.every(e => !e.message.startsWith('internal validator error'));

  describe('valid NodePools', () => {
    it('every generated NodePool is accepted', () => {
      fc.assert(
        fc.property(validNodePool, np => {
          expect(validator.validate(np).errors).toEqual([]);
        }),
      );
    });

    it('validating the stored (defaulted) object again changes nothing', () => {
      fc.assert(
        fc.property(validNodePool, np => {
          const first = validator.validate(np);
          const second = validator.validate(first.object);
          expect(second).toEqual({
            valid: true,
            errors: [],
            object: first.object,
          });
        }),
      );
    });

    type Edit = (np: ReturnType<typeof guideNodePool>) => void;
    const harmlessEdit: fc.Arbitrary<Edit> = fc.oneof(
      fc.integer({ min: 1, max: 100 }).map<Edit>(w => np => {
        np.spec.weight = w;
      }),
      fc
        .tuple(
          allowedKey,
          fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }),
        )
        .map<Edit>(([key, values]) => np => {
          np.spec.template.spec.requirements.push({
            key,
            operator: 'In',
            values,
          });
        }),
      fc
        .dictionary(
          allowedKey.filter(k => k !== 'karpenter.sh/nodepool'),
          labelValue,
          { maxKeys: 3 },
        )
        .map<Edit>(labels => np => {
          Object.assign(np.spec.template, { metadata: { labels } });
        }),
      fc.nat({ max: 10000 }).map<Edit>(n => np => {
        np.spec.template.spec.requirements.push({
          key: 'example.com/size',
          operator: 'Gt',
          values: [String(n)],
        });
      }),
      objectName.map<Edit>(name => np => {
        np.metadata.name = name;
        np.spec.template.spec.nodeClassRef.name = name;
      }),
      fc.constantFrom('@daily', '0 22 * * *').map<Edit>(schedule => np => {
        Object.assign(np.spec.disruption, {
          budgets: [{ nodes: '0', schedule, duration: '8h' }, { nodes: '20%' }],
        });
      }),
      fc.nat({ max: 20 }).map<Edit>(k => np => {
        const reqs = np.spec.template.spec.requirements;
        const cut = k % reqs.length;
        np.spec.template.spec.requirements = [
          ...reqs.slice(cut),
          ...reqs.slice(0, cut),
        ];
      }),
    );

    it('edits of the guide NodePool that respect the CRD keep it valid', () => {
      fc.assert(
        fc.property(
          fc.array(harmlessEdit, { minLength: 1, maxLength: 4 }),
          edits => {
            const np = guideNodePool();
            for (const edit of edits) edit(np);
            expect(validator.validate(np).errors).toEqual([]);
          },
        ),
      );
    });
  });

  interface Mutation {
    apply(np: GeneratedNodePool): void;
    /** The expected error's path and message: exact text, or a pattern. */
    path: string | RegExp;
    message: string | RegExp;
  }

  const matcher = (expected: string | RegExp): unknown =>
    typeof expected === 'string' ? expected : expect.stringMatching(expected);

  const requirementKeyPath = /^spec\.template\.spec\.requirements\[\d+\]\.key$/;
  const requirementsPath = 'spec.template.spec.requirements';
  const pushRequirement = (np: GeneratedNodePool, r: Requirement) =>
    np.spec.template.spec.requirements.push(r);
  const restrictedDomain = fc.constantFrom('karpenter.sh', 'karpenter.k8s.aws');
  const restrictedKey = fc
    .tuple(
      restrictedDomain,
      fc.constantFrom('', 'team.'),
      fc.stringMatching(/^[a-z]{1,8}$/),
    )
    .map(([domain, sub, name]) => ({
      domain,
      key: `${sub}${domain}/x-${name}`,
    }));

  /** Changes that each break exactly one CRD constraint, with the error the apiserver gives. */
  const breakingMutation: fc.Arbitrary<Mutation> = fc.oneof(
    restrictedKey.map(
      ({ domain, key }): Mutation => ({
        apply: np => {
          np.spec.template.metadata = {
            labels: { ...np.spec.template.metadata?.labels, [key]: 'x' },
          };
        },
        path: 'spec.template.metadata.labels',
        message: `label domain "${domain}" is restricted`,
      }),
    ),
    restrictedKey.map(
      ({ domain, key }): Mutation => ({
        apply: np => pushRequirement(np, { key, operator: 'Exists' }),
        path: requirementKeyPath,
        message: `label domain "${domain}" is restricted`,
      }),
    ),
    fc.constantFrom('karpenter.sh/nodepool', 'kubernetes.io/hostname').map(
      (key): Mutation => ({
        apply: np =>
          pushRequirement(np, { key, operator: 'In', values: ['a'] }),
        path: requirementKeyPath,
        message: `label "${key}" is restricted`,
      }),
    ),
    allowedKey.map(
      (key): Mutation => ({
        apply: np => pushRequirement(np, { key, operator: 'In', values: [] }),
        path: requirementsPath,
        message: "requirements with operator 'In' must have a value defined",
      }),
    ),
    fc
      .tuple(
        allowedKey,
        fc.constantFrom('Gt', 'Lt', 'Gte', 'Lte'),
        fc.oneof(
          fc.stringMatching(/^[a-z]{1,5}$/).map(v => [v]),
          fc.integer({ min: -1000, max: -1 }).map(v => [String(v)]),
          fc.constant<string[]>(['1', '2']),
          fc.constant<string[]>([]),
        ),
      )
      .map(
        ([key, operator, values]): Mutation => ({
          apply: np => pushRequirement(np, { key, operator, values }),
          path: requirementsPath,
          message:
            "requirements operator 'Gt', 'Lt', 'Gte', or 'Lte' must have a single positive integer value",
        }),
      ),
    fc
      .uniqueArray(labelValue, { minLength: 1, maxLength: 5 })
      .chain(values =>
        fc
          .integer({ min: values.length + 1, max: 50 })
          .map(minValues => ({ values, minValues })),
      )
      .map(
        ({ values, minValues }): Mutation => ({
          apply: np =>
            pushRequirement(np, {
              key: 'kubernetes.io/os',
              operator: 'In',
              values,
              minValues,
            }),
          path: requirementsPath,
          message:
            "requirements with 'minValues' must have at least that many values specified in the 'values' field",
        }),
      ),
    fc.constantFrom({ schedule: '@daily' }, { duration: '1h' }).map(
      (half): Mutation => ({
        apply: np => {
          np.spec.disruption = {
            consolidateAfter: '0s',
            ...np.spec.disruption,
            budgets: [{ nodes: '1', ...half }],
          };
        },
        path: 'spec.disruption.budgets',
        message: "'schedule' must be set with 'duration'",
      }),
    ),
    fc.constantFrom('group', 'kind', 'name').map(
      (field): Mutation => ({
        apply: np => {
          np.spec.template.spec.nodeClassRef[field] = '';
        },
        path: `spec.template.spec.nodeClassRef.${field}`,
        message: `${field} may not be empty`,
      }),
    ),
    fc
      .tuple(fc.nat({ max: 99 }), fc.constantFrom(' minutes', 'd', 'ms', ''))
      .map(
        ([n, unit]): Mutation => ({
          apply: np => {
            np.spec.disruption = {
              ...np.spec.disruption,
              consolidateAfter: `${n}${unit}`,
            };
          },
          path: 'spec.disruption.consolidateAfter',
          message: /should match/,
        }),
      ),
    fc
      .oneof(
        fc.integer({ min: -100, max: 0 }),
        fc.integer({ min: 101, max: 10000 }),
      )
      .map(
        (weight): Mutation => ({
          apply: np => {
            np.spec.weight = weight;
          },
          path: 'spec.weight',
          message:
            weight < 1
              ? /greater than or equal to 1$/
              : /less than or equal to 100$/,
        }),
      ),
    fc.constantFrom('kubelet', 'resources', 'amiFamily').map(
      (field): Mutation => ({
        apply: np => {
          Object.assign(np.spec.template.spec, { [field]: {} });
        },
        path: `spec.template.spec.${field}`,
        message: `unknown field "spec.template.spec.${field}"`,
      }),
    ),
    fc.constantFrom('NoRun', 'noschedule', '').map(
      (effect): Mutation => ({
        apply: np => {
          np.spec.template.spec.taints = [{ key: 'gpu', effect }];
        },
        path: 'spec.template.spec.taints[0].effect',
        message: /^Unsupported value/,
      }),
    ),
    fc.integer({ min: 101, max: 150 }).map(
      (n): Mutation => ({
        apply: np => {
          np.spec.template.spec.requirements = Array.from(
            { length: n },
            (_, i) => ({ key: `example.com/k${i}`, operator: 'Exists' }),
          );
        },
        path: requirementsPath,
        message: `Too many: ${n}: must have at most 100 items`,
      }),
    ),
  );

  describe('invalid NodePools', () => {
    it('every targeted mutation of a valid NodePool is rejected with the CRD error', () => {
      fc.assert(
        fc.property(validNodePool, breakingMutation, (np, mutation) => {
          mutation.apply(np);
          const result = validator.validate(np);
          expect(result.valid).toBe(false);
          expect(result.errors).toContainEqual(
            expect.objectContaining({
              path: matcher(mutation.path),
              message: matcher(mutation.message),
            }),
          );
        }),
      );
    });
  });

  describe('robustness', () => {
    const weird = fc.anything({
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withBoxedValues: true,
      withObjectString: true,
    });

    it('never throws on arbitrary input, and always explains a rejection', () => {
      fc.assert(
        fc.property(
          weird,
          fc.option(weird, { nil: undefined }),
          (input, oldObject) => {
            const result = validator.validate(input, { oldObject });
            expect(noInternalErrors(result.errors)).toBe(true);
            expect(result.valid).toBe(result.errors.length === 0);
            const notAnObject =
              typeof input !== 'object' ||
              input === null ||
              Array.isArray(input);
            expect(notAnObject && result.valid).toBe(false);
          },
        ),
      );
    });

    const paths: Array<(np: GeneratedNodePool, v: unknown) => void> = [
      (np, v) => Object.assign(np, { spec: v }),
      (np, v) => Object.assign(np, { metadata: v }),
      (np, v) => Object.assign(np.metadata, { labels: v }),
      (np, v) => Object.assign(np.spec, { template: v }),
      (np, v) => Object.assign(np.spec.template.spec, { requirements: v }),
      (np, v) => Object.assign(np.spec.template.spec, { requirements: [v] }),
      (np, v) => Object.assign(np.spec.template.spec, { nodeClassRef: v }),
      (np, v) => Object.assign(np.spec.template, { metadata: { labels: v } }),
      (np, v) => Object.assign(np.spec, { disruption: v }),
      (np, v) =>
        Object.assign(np.spec, {
          disruption: { consolidateAfter: '0s', budgets: [v] },
        }),
      (np, v) => Object.assign(np.spec, { limits: v }),
      (np, v) => Object.assign(np.spec, { weight: v }),
      (np, v) => Object.assign(np.spec, { replicas: v }),
    ];

    it('never throws when any part of a NodePool is replaced by arbitrary JSON, on create or update', () => {
      fc.assert(
        fc.property(
          validNodePool,
          fc.nat({ max: paths.length - 1 }),
          fc.jsonValue(),
          weird,
          (np, where, value, other) => {
            const old = structuredClone(np);
            paths[where](np, value);
            for (const result of [
              validator.validate(np),
              validator.validate(np, { oldObject: old }),
            ]) {
              expect(noInternalErrors(result.errors)).toBe(true);
              expect(result.valid).toBe(result.errors.length === 0);
            }
            paths[where](np, other);
            expect(
              noInternalErrors(
                validator.validate(np, { oldObject: old }).errors,
              ),
            ).toBe(true);
          },
        ),
      );
    });
  });
});
