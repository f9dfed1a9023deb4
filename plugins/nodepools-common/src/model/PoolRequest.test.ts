import fc from 'fast-check';
import { validateWith } from './fieldErrors';
import { poolRequestSchema, teamSlug } from './PoolRequest';
import { createRequestArbitrary } from '../__testUtils__/arbitraries';
import { sampleRequest } from '../testUtils';

const valid = sampleRequest;

const errorsOf = (input: unknown) => {
  const result = validateWith(poolRequestSchema, input);
  return result.ok ? [] : result.errors;
};

const withSpec = (patch: Record<string, unknown>) => ({
  ...valid,
  spec: { ...valid.spec, ...patch },
});

describe('poolRequestSchema', () => {
  it('accepts a complete request and normalises the owner', () => {
    const result = validateWith(poolRequestSchema, {
      ...valid,
      owner: 'payments',
    });
    expect(result).toMatchObject({
      ok: true,
      value: { owner: 'group:default/payments' },
    });
  });

  it.each([
    [{ ...valid, owner: 'user:default/bob' }, 'owner', 'Group reference'],
    [{ ...valid, cluster: 'Prod_1' }, 'cluster', 'configured cluster'],
    [{ ...valid, pool: 'x'.repeat(60) }, 'pool', 'at most 54'],
    [{ ...valid, justification: 'pls' }, 'justification', 'at least 10'],
    [{ ...valid, kind: 'resize' }, 'kind', ''],
    [
      withSpec({ limits: { cpu: '0', memory: '1Gi' } }),
      'spec.limits.cpu',
      'greater than zero',
    ],
    [
      withSpec({ limits: { cpu: '4 cores', memory: '1Gi' } }),
      'spec.limits.cpu',
      'quantity',
    ],
    [withSpec({ limits: { cpu: '4' } }), 'spec.limits.memory', ''],
    [withSpec({ namespaces: [] }), 'spec.namespaces', 'at least one namespace'],
    [withSpec({ namespaces: ['Payments'] }), 'spec.namespaces[0]', 'namespace'],
    [withSpec({ namespaces: ['a', 'a'] }), 'spec.namespaces', 'repeat'],
    [withSpec({ weight: 0 }), 'spec.weight', 'between 1 and 100'],
    [withSpec({ expireAfter: '30d' }), 'spec.expireAfter', 'duration'],
    [
      withSpec({
        disruption: { budgets: [{ nodes: '10%', schedule: '@daily' }] },
      }),
      'spec.disruption.budgets[0].duration',
      "'schedule' must be set with 'duration'",
    ],
    [
      withSpec({
        requirements: { architectures: ['s390x'], capacityTypes: ['spot'] },
      }),
      'spec.requirements.architectures[0]',
      '',
    ],
    [withSpec({ kubelet: { maxPods: 110 } }), 'spec.kubelet', 'not a known'],
    [
      withSpec({
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['spot'],
          zones: [''],
        },
      }),
      'spec.requirements.zones[0]',
      'must not be empty',
    ],
    [
      withSpec({
        requirements: {
          architectures: ['amd64'],
          capacityTypes: ['spot'],
          instanceSizes: [''],
        },
      }),
      'spec.requirements.instanceSizes[0]',
      'must not be empty',
    ],
    [
      JSON.parse('{"__proto__": {"admin": true}, "kind": "create"}'),
      '__proto__',
      'not a known',
    ],
  ])('reports a bad field by its path (%#)', (input, path, message) => {
    const errors = errorsOf(input);
    expect(errors.map(e => e.path)).toContain(path);
    expect(errors.find(e => e.path === path)!.message).toContain(message);
  });

  it('requires no spec for a decommission and rejects one', () => {
    const { spec: _spec, ...target } = valid;
    expect(errorsOf({ ...target, kind: 'decommission' })).toEqual([]);
    expect(
      errorsOf({ ...valid, kind: 'decommission' }).map(e => e.path),
    ).toContain('spec');
  });

  it('names an unknown key, __proto__ included, as its own field at every level', () => {
    const objectPaths = [
      [],
      ['spec'],
      ['spec', 'requirements'],
      ['spec', 'limits'],
    ];
    fc.assert(
      fc.property(
        createRequestArbitrary,
        fc.constantFrom(...objectPaths),
        fc.oneof(
          fc.constantFrom('__proto__', 'constructor', 'dryRun', 'Kind'),
          fc.string({ minLength: 1 }),
        ),
        fc.jsonValue(),
        (request, at, key, value) => {
          const copy = structuredClone(request) as Record<string, any>;
          let target = copy;
          for (const part of at) target = target[part];
          fc.pre(!Object.hasOwn(target, key));
          // defineProperty, as JSON.parse does: assigning __proto__ would set the prototype.
          Object.defineProperty(target, key, {
            value,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          const path = [...at, key].join('.');
          expect(errorsOf(copy)).toContainEqual({
            path,
            message: 'is not a known field',
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('accepts every generated well-formed request', () => {
    fc.assert(
      fc.property(createRequestArbitrary, request => {
        expect(errorsOf(request)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('returns field errors, never throws, for arbitrary input', () => {
    fc.assert(
      fc.property(fc.anything(), input => {
        const result = validateWith(poolRequestSchema, input);
        const errors = result.ok
          ? [{ path: 'valid', message: 'valid' }]
          : result.errors;
        expect(errors.length).toBeGreaterThan(0);
        expect(
          errors.every(e => typeof e.path === 'string' && e.message.length > 0),
        ).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns field errors for valid requests with one field replaced by junk', () => {
    const paths = [
      'owner',
      'cluster',
      'pool',
      'justification',
      'spec',
      'spec.limits',
      'spec.limits.cpu',
      'spec.namespaces',
      'spec.requirements',
      'spec.nodeClass',
    ];
    fc.assert(
      fc.property(
        createRequestArbitrary,
        fc.constantFrom(...paths),
        fc.oneof(
          fc.integer(),
          fc.constant(null),
          fc.array(fc.integer()),
          fc.constant(''),
        ),
        (request, path, junk) => {
          const copy = structuredClone(request) as Record<string, any>;
          const keys = path.split('.');
          let target = copy;
          for (const key of keys.slice(0, -1)) target = target[key];
          target[keys[keys.length - 1]] = junk;
          const errors = errorsOf(copy);
          expect(errors.length).toBeGreaterThan(0);
          expect(
            errors.some(
              e => e.path.startsWith(path) || path.startsWith(e.path),
            ),
          ).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('teamSlug', () => {
  it('uses the group name, prefixed with a non-default namespace', () => {
    expect(teamSlug('group:default/payments')).toBe('payments');
    expect(teamSlug('group:emea/payments')).toBe('emea.payments');
    expect(() => teamSlug('user:default/bob')).toThrow();
  });
});
