import fc from 'fast-check';
import { guideNodePool } from '../testFixtures/productionGuideExamples.ts';
import { allowedKey, labelValue, objectName } from './nodePoolArbitraries.ts';
import type { GeneratedNodePool, Requirement } from './nodePoolArbitraries.ts';

/** An edit of the production guide's NodePool. */
export type GuideEdit = (np: ReturnType<typeof guideNodePool>) => void;

/** Edits of the guide NodePool that stay within the CRD (the API server must accept them). */
export const harmlessEdit: fc.Arbitrary<GuideEdit> = fc.oneof(
  fc.integer({ min: 1, max: 100 }).map<GuideEdit>(w => np => {
    np.spec.weight = w;
  }),
  fc
    .tuple(
      allowedKey,
      fc.uniqueArray(labelValue, { minLength: 1, maxLength: 3 }),
    )
    .map<GuideEdit>(([key, values]) => np => {
      np.spec.template.spec.requirements.push({ key, operator: 'In', values });
    }),
  fc
    .dictionary(
      allowedKey.filter(k => k !== 'karpenter.sh/nodepool'),
      labelValue,
      { maxKeys: 3 },
    )
    .map<GuideEdit>(labels => np => {
      Object.assign(np.spec.template, { metadata: { labels } });
    }),
  fc.nat({ max: 10000 }).map<GuideEdit>(n => np => {
    np.spec.template.spec.requirements.push({
      key: 'example.com/size',
      operator: 'Gt',
      values: [String(n)],
    });
  }),
  objectName.map<GuideEdit>(name => np => {
    np.metadata.name = name;
    np.spec.template.spec.nodeClassRef.name = name;
  }),
  fc.constantFrom('@daily', '0 22 * * *').map<GuideEdit>(schedule => np => {
    Object.assign(np.spec.disruption, {
      budgets: [{ nodes: '0', schedule, duration: '8h' }, { nodes: '20%' }],
    });
  }),
  fc.nat({ max: 20 }).map<GuideEdit>(k => np => {
    const reqs = np.spec.template.spec.requirements;
    const cut = k % reqs.length;
    np.spec.template.spec.requirements = [
      ...reqs.slice(cut),
      ...reqs.slice(0, cut),
    ];
  }),
);

/**
 * A change that breaks exactly one CRD constraint, with the refusal the API server must give:
 * a cause at `field` (exact, or a pattern) whose message matches `message`. Without `field` the
 * API server names no cause field (strict decoding) and `message` is matched against its message.
 */
export interface Mutation {
  apply(np: GeneratedNodePool): void;
  field?: string | RegExp;
  message: string | RegExp;
}

const requirementKeyField = /^spec\.template\.spec\.requirements\[\d+\]\.key$/;
const requirementsField = 'spec.template.spec.requirements';
const pushRequirement = (np: GeneratedNodePool, r: Requirement) =>
  np.spec.template.spec.requirements.push(r);
const restrictedKey = fc
  .tuple(
    fc.constantFrom('karpenter.sh', 'karpenter.k8s.aws'),
    fc.constantFrom('', 'team.'),
    fc.stringMatching(/^[a-z]{1,8}$/),
  )
  .map(([domain, sub, name]) => ({ domain, key: `${sub}${domain}/x-${name}` }));

/** Template labels and requirement keys the CRD's CEL rules restrict. */
const restrictedKeyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  restrictedKey.map(
    ({ domain, key }): Mutation => ({
      apply: np => {
        np.spec.template.metadata = {
          labels: { ...np.spec.template.metadata?.labels, [key]: 'x' },
        };
      },
      field: 'spec.template.metadata.labels',
      message: `label domain "${domain}" is restricted`,
    }),
  ),
  restrictedKey.map(
    ({ domain, key }): Mutation => ({
      apply: np => pushRequirement(np, { key, operator: 'Exists' }),
      field: requirementKeyField,
      message: `label domain "${domain}" is restricted`,
    }),
  ),
  fc.constantFrom('karpenter.sh/nodepool', 'kubernetes.io/hostname').map(
    (key): Mutation => ({
      apply: np => pushRequirement(np, { key, operator: 'In', values: ['a'] }),
      field: requirementKeyField,
      message: `label "${key}" is restricted`,
    }),
  ),
);

/** Requirement operators and their values, checked by CEL rules on the list. */
const requirementMutation: fc.Arbitrary<Mutation> = fc.oneof(
  allowedKey.map(
    (key): Mutation => ({
      apply: np => pushRequirement(np, { key, operator: 'In', values: [] }),
      field: requirementsField,
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
        field: requirementsField,
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
        field: requirementsField,
        message:
          "requirements with 'minValues' must have at least that many values specified in the 'values' field",
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
      field: requirementsField,
      message: `Too many: ${n}: must have at most 100 items`,
    }),
  ),
);

/** Disruption, node class reference, weight, taints and fields v1 no longer has. */
const shapeMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom({ schedule: '@daily' }, { duration: '1h' }).map(
    (half): Mutation => ({
      apply: np => {
        np.spec.disruption = {
          consolidateAfter: '0s',
          ...np.spec.disruption,
          budgets: [{ nodes: '1', ...half }],
        };
      },
      field: 'spec.disruption.budgets',
      message: "'schedule' must be set with 'duration'",
    }),
  ),
  fc.constantFrom('group', 'kind', 'name').map(
    (field): Mutation => ({
      apply: np => {
        np.spec.template.spec.nodeClassRef[field] = '';
      },
      field: `spec.template.spec.nodeClassRef.${field}`,
      message: `${field} may not be empty`,
    }),
  ),
  fc.tuple(fc.nat({ max: 99 }), fc.constantFrom(' minutes', 'd', 'ms', '')).map(
    ([n, unit]): Mutation => ({
      apply: np => {
        np.spec.disruption = {
          ...np.spec.disruption,
          consolidateAfter: `${n}${unit}`,
        };
      },
      field: 'spec.disruption.consolidateAfter',
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
        field: 'spec.weight',
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
      message: `unknown field "spec.template.spec.${field}"`,
    }),
  ),
  fc.constantFrom('NoRun', 'noschedule', '').map(
    (effect): Mutation => ({
      apply: np => {
        np.spec.template.spec.taints = [{ key: 'gpu', effect }];
      },
      field: 'spec.template.spec.taints[0].effect',
      message: /^Unsupported value/,
    }),
  ),
);

/** Changes that each break exactly one constraint of the AWS NodePool CRD. */
export const breakingMutation: fc.Arbitrary<Mutation> = fc.oneof(
  restrictedKeyMutation,
  requirementMutation,
  shapeMutation,
);
