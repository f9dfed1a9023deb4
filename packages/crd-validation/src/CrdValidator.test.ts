import { CEL_SKIPPED_MESSAGE, CrdValidator } from './CrdValidator';
import type { JSONSchemaProps } from './crdTypes';
import { widget, widgetValidator } from './__testUtils__/syntheticCrd';
import {
  formatValidationError,
  type CrdValidationError,
} from './validationError';

const only = (errors: CrdValidationError[]) =>
  errors.map(({ path, kind, reason }) => ({ path, kind, reason }));

function spec(
  properties: Record<string, JSONSchemaProps>,
  extra: JSONSchemaProps = {},
): JSONSchemaProps {
  return { type: 'object', properties, ...extra };
}

describe('CrdValidator: the object and its version', () => {
  const v = widgetValidator(spec({ size: { type: 'integer' } }));

  it('accepts a well-formed object', () => {
    expect(v.validate(widget({ size: 3 }))).toEqual({
      valid: true,
      errors: [],
      object: widget({ size: 3 }),
    });
  });

  it('reports input that is not an object instead of throwing', () => {
    for (const input of [null, 3, 'x', [], undefined]) {
      const result = v.validate(input);
      expect(result.valid).toBe(false);
      expect(result.errors[0].message).toMatch(/must be a JSON object/);
    }
  });

  it('refuses an apiVersion the CRD does not serve, as kubectl says it', () => {
    const result = v.validate({ ...widget({}), apiVersion: 'example.com/v2' });
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'apiVersion',
        message: 'no matches for kind "Widget" in version "example.com/v2"',
      }),
    ]);
  });

  it('refuses a different kind and a missing apiVersion', () => {
    expect(
      v.validate({ ...widget({}), kind: 'Gadget' }).errors[0],
    ).toMatchObject({
      path: 'kind',
      message: 'Invalid value: "Gadget": must be Widget',
    });
    const { apiVersion: _drop, ...noVersion } = widget({});
    expect(v.validate(noVersion).errors[0]).toMatchObject({
      path: 'apiVersion',
      reason: 'FieldValueRequired',
    });
  });

  it('rejects a CRD whose rules use functions Kubernetes does not have', () => {
    expect(() =>
      widgetValidator(
        spec(
          {},
          { 'x-kubernetes-validations': [{ rule: 'self.frobnicate()' }] },
        ),
      ),
    ).toThrow(/does not compile/);
  });
});

describe('CrdValidator: OpenAPI value validation', () => {
  it('checks types and stops descending into a mistyped value', () => {
    const v = widgetValidator(
      spec({
        size: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
      }),
    );
    const result = v.validate(widget({ size: '3', tags: 'a' }));
    expect(only(result.errors)).toEqual([
      { path: 'spec.size', kind: 'schema', reason: 'FieldValueTypeInvalid' },
      { path: 'spec.tags', kind: 'schema', reason: 'FieldValueTypeInvalid' },
      { path: '', kind: 'cel', reason: 'FieldValueInvalid' },
    ]);
    expect(result.errors[0].message).toBe(
      'Invalid value: "3": spec.size in body must be of type integer: "string"',
    );
    expect(v.validate(widget({ size: 1.5 })).valid).toBe(false);
    expect(v.validate(widget({ size: 2n })).valid).toBe(true);
  });

  it('reports missing required fields at the field path', () => {
    const v = widgetValidator(
      spec(
        { a: { type: 'string' }, b: { type: 'string' } },
        { required: ['a', 'b'] },
      ),
    );
    expect(only(v.validate(widget({ a: 'x' })).errors)[0]).toEqual({
      path: 'spec.b',
      kind: 'schema',
      reason: 'FieldValueRequired',
    });
  });

  it('checks enum, pattern and lengths (in code points) of strings', () => {
    const v = widgetValidator(
      spec({
        mode: { type: 'string', enum: ['On', 'Off'] },
        id: { type: 'string', pattern: '^cr-[0-9a-z]+$' },
        name: { type: 'string', minLength: 2, maxLength: 3 },
      }),
    );
    expect(
      v.validate(widget({ mode: 'On', id: 'cr-1a', name: '😀😀😀' })).valid,
    ).toBe(true);
    const errors = v.validate(
      widget({ mode: 'on', id: 'cr-1A', name: 'abcd' }),
    ).errors;
    expect(errors.map(e => e.message)).toEqual([
      'Unsupported value: "on": supported values: "On", "Off"',
      'Invalid value: "cr-1A": spec.id in body should match \'^cr-[0-9a-z]+$\'',
      'Too long: may not be more than 3 bytes',
      CEL_SKIPPED_MESSAGE,
    ]);
    expect(v.validate(widget({ name: 'a' })).errors[0].message).toMatch(
      /at least 2 chars long/,
    );
  });

  it('checks numeric bounds, exclusive bounds and multipleOf', () => {
    const v = widgetValidator(
      spec({
        weight: { type: 'integer', minimum: 1, maximum: 100 },
        ratio: {
          type: 'number',
          minimum: 0,
          exclusiveMinimum: true,
          maximum: 1,
          exclusiveMaximum: true,
        },
        step: { type: 'integer', multipleOf: 5 },
      }),
    );
    expect(v.validate(widget({ weight: 1, ratio: 0.5, step: 10 })).valid).toBe(
      true,
    );
    expect(v.validate(widget({ weight: 100 })).valid).toBe(true);
    const messages = (s: unknown) =>
      v.validate(widget(s)).errors.map(e => e.message);
    expect(messages({ weight: 0 })).toEqual([
      'Invalid value: 0: spec.weight in body should be greater than or equal to 1',
    ]);
    expect(messages({ weight: 101 })).toEqual([
      'Invalid value: 101: spec.weight in body should be less than or equal to 100',
    ]);
    expect(messages({ ratio: 1 })).toEqual([
      'Invalid value: 1: spec.ratio in body should be less than 1',
    ]);
    expect(messages({ ratio: 0 })).toEqual([
      'Invalid value: 0: spec.ratio in body should be greater than 0',
    ]);
    expect(messages({ step: 7 })).toEqual([
      'Invalid value: 7: spec.step in body should be a multiple of 5',
    ]);
  });

  it('checks item and property counts', () => {
    const v = widgetValidator(
      spec({
        list: {
          type: 'array',
          items: { type: 'string' },
          minItems: 1,
          maxItems: 2,
        },
        tags: {
          type: 'object',
          additionalProperties: { type: 'string' },
          minProperties: 1,
          maxProperties: 1,
        },
      }),
    );
    expect(v.validate(widget({ list: ['a'], tags: { a: 'b' } })).valid).toBe(
      true,
    );
    const errors = v.validate(widget({ list: [], tags: {} })).errors;
    expect(errors.map(e => e.message)).toEqual([
      'Invalid value: 0: spec.list in body should have at least 1 items',
      'Invalid value: 0: spec.tags in body should have at least 1 properties',
    ]);
    expect(
      v.validate(widget({ list: ['a', 'b', 'c'] })).errors[0],
    ).toMatchObject({
      reason: 'FieldValueTooMany',
      message: 'Too many: 3: must have at most 2 items',
    });
  });

  it('enforces x-kubernetes-list-type set and map uniqueness', () => {
    const v = widgetValidator(
      spec({
        reasons: {
          type: 'array',
          items: { type: 'string' },
          'x-kubernetes-list-type': 'set',
        },
        conditions: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['type'],
          items: spec(
            { type: { type: 'string' }, status: { type: 'string' } },
            { required: ['type'] },
          ),
        },
      }),
    );
    expect(
      v.validate(
        widget({
          reasons: ['a', 'b'],
          conditions: [{ type: 'A' }, { type: 'B' }],
        }),
      ).valid,
    ).toBe(true);
    const errors = v.validate(
      widget({
        reasons: ['a', 'b', 'a'],
        conditions: [
          { type: 'A', status: 'x' },
          { type: 'A', status: 'y' },
        ],
      }),
    ).errors;
    expect(errors.slice(0, 2)).toEqual([
      expect.objectContaining({
        path: 'spec.reasons[2]',
        message: 'Duplicate value: "a"',
        reason: 'FieldValueDuplicate',
      }),
      expect.objectContaining({
        path: 'spec.conditions[1]',
        message: 'Duplicate value: {"type":"A"}',
      }),
    ]);
  });

  it('accepts int-or-string values and applies string checks only to strings', () => {
    const v = widgetValidator(
      spec({
        limit: {
          'x-kubernetes-int-or-string': true,
          anyOf: [{ type: 'integer' }, { type: 'string' }],
          pattern: '^[0-9]+(Gi|%)$',
        },
      }),
    );
    expect(v.validate(widget({ limit: 1000 })).valid).toBe(true);
    expect(v.validate(widget({ limit: '10Gi' })).valid).toBe(true);
    expect(v.validate(widget({ limit: 'lots' })).errors[0].message).toMatch(
      /should match/,
    );
    expect(v.validate(widget({ limit: true })).errors[0].reason).toBe(
      'FieldValueTypeInvalid',
    );
  });

  it('validates map values with the key in the path', () => {
    const v = widgetValidator(
      spec({
        labels: {
          type: 'object',
          additionalProperties: { type: 'string', maxLength: 3 },
        },
      }),
    );
    expect(v.validate(widget({ labels: { a: 'abcd' } })).errors[0].path).toBe(
      'spec.labels[a]',
    );
  });

  it('checks the string formats the apiserver knows', () => {
    const v = widgetValidator(
      spec({
        at: { type: 'string', format: 'date-time' },
        n: { type: 'integer', format: 'int32' },
      }),
    );
    expect(v.validate(widget({ at: '2026-04-15T10:00:00Z', n: 5 })).valid).toBe(
      true,
    );
    expect(v.validate(widget({ at: '2026-02-30T10:00:00Z' })).valid).toBe(
      false,
    );
    expect(v.validate(widget({ at: '2026-04-15T10:00:00' })).valid).toBe(false);
    expect(v.validate(widget({ at: 'yesterday' })).errors[0].message).toMatch(
      /must be of type date-time/,
    );
  });

  it('applies anyOf, oneOf and not as value validations', () => {
    const v = widgetValidator(
      spec(
        { a: { type: 'string' }, b: { type: 'string' } },
        {
          oneOf: [{ required: ['a'] }, { required: ['b'] }],
          not: { required: ['a', 'b'] },
        },
      ),
    );
    expect(v.validate(widget({ a: 'x' })).valid).toBe(true);
    expect(v.validate(widget({})).errors[0].message).toMatch(
      /one and only one schema \(oneOf\)/,
    );
    expect(
      v.validate(widget({ a: 'x', b: 'y' })).errors.map(e => e.message),
    ).toEqual([
      expect.stringMatching(/oneOf/),
      expect.stringMatching(/must not validate the schema \(not\)/),
    ]);
  });
});

describe('CrdValidator: nulls, pruning and unknown fields', () => {
  const v = widgetValidator(
    spec({
      known: { type: 'string' },
      maybe: { type: 'string', nullable: true },
      nested: spec({ x: { type: 'integer' } }),
      list: { type: 'array', items: { type: 'string' } },
      free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
    }),
  );

  it('reports unknown fields the way strict decoding (kubectl) does', () => {
    const result = v.validate(
      widget({
        known: 'a',
        extra: 1,
        nested: { x: 1, y: 2 },
        free: { anything: [1] },
      }),
    );
    expect(result.errors).toEqual([
      {
        path: 'spec.extra',
        message: 'unknown field "spec.extra"',
        kind: 'unknown-field',
        reason: 'FieldValueInvalid',
      },
      {
        path: 'spec.nested.y',
        message: 'unknown field "spec.nested.y"',
        kind: 'unknown-field',
        reason: 'FieldValueInvalid',
      },
    ]);
    expect(result.object).toEqual(
      widget({ known: 'a', nested: { x: 1 }, free: { anything: [1] } }),
    );
  });

  it('prunes unknown fields silently when asked to', () => {
    const result = v.validate(widget({ known: 'a', extra: 1 }), {
      unknownFields: 'prune',
    });
    expect(result).toEqual({
      valid: true,
      errors: [],
      object: widget({ known: 'a' }),
    });
  });

  it('drops nulls of non-nullable fields and keeps nullable ones', () => {
    const result = v.validate(widget({ known: null, maybe: null }));
    expect(result.valid).toBe(true);
    expect(result.object).toEqual(widget({ maybe: null }));
  });

  it('refuses null list items and reports unknown metadata fields', () => {
    expect(v.validate(widget({ list: ['a', null] })).errors[0]).toMatchObject({
      path: 'spec.list[1]',
      reason: 'FieldValueTypeInvalid',
    });
    expect(
      v.validate(widget({}, { name: 'w', colour: 'red' })).errors[0].message,
    ).toBe('unknown field "metadata.colour"');
  });

  it('never confuses a key named __proto__ or constructor with the prototype', () => {
    const input = JSON.parse(
      '{"known":"a","__proto__":{"x":1},"constructor":2}',
    );
    const result = v.validate(widget(input));
    expect(result.errors.map(e => e.path)).toEqual([
      'spec.__proto__',
      'spec.constructor',
    ]);
    expect(Object.getPrototypeOf(result.object.spec as object)).toBe(
      Object.prototype,
    );
  });
});

describe('CrdValidator: status subresource', () => {
  const v = widgetValidator(spec({}), {
    status: spec({ nodes: { type: 'integer', minimum: 0 } }),
  });
  const withStatus = (status: unknown) => ({ ...widget({}), status });

  it('ignores status on create, as the main endpoint does', () => {
    const result = v.validate(withStatus({ nodes: -1 }));
    expect(result.valid).toBe(true);
    expect(result.object).not.toHaveProperty('status');
  });

  it('keeps the old status on update', () => {
    const result = v.validate(withStatus({ nodes: -1 }), {
      oldObject: withStatus({ nodes: 3 }),
    });
    expect(result.object).toEqual(withStatus({ nodes: 3 }));
  });

  it('still reports unknown status fields under strict decoding', () => {
    expect(v.validate(withStatus({ colour: 'red' })).errors).toEqual([
      expect.objectContaining({ path: 'status.colour', kind: 'unknown-field' }),
    ]);
  });
});

describe('CrdValidator: metadata', () => {
  const v = widgetValidator(spec({}));
  const namespaced = widgetValidator(spec({}), { scope: 'Namespaced' });

  it('requires a valid DNS subdomain name (or a generateName)', () => {
    expect(v.validate(widget({}, {})).errors[0]).toMatchObject({
      path: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
    expect(v.validate(widget({}, { generateName: 'pool-' })).valid).toBe(true);
    expect(
      v.validate(widget({}, { name: 'Default' })).errors[0].message,
    ).toMatch(/RFC 1123 subdomain/);
    expect(
      v.validate(widget({}, { name: 'a'.repeat(254) })).errors[0].message,
    ).toMatch(/no more than 253/);
  });

  it('validates label keys and values and annotation keys', () => {
    const errors = v.validate(
      widget(
        {},
        {
          name: 'w',
          labels: { 'example.com/team': 'a b', 'bad key': 'x' },
          annotations: { 'x/y/z': 'v' },
        },
      ),
    ).errors;
    expect(errors.map(e => e.path)).toEqual([
      'metadata.labels',
      'metadata.labels',
      'metadata.annotations',
    ]);
    expect(errors[0].message).toMatch(/a valid label must be an empty string/);
  });

  it('clears namespace on a cluster-scoped object and checks it on a namespaced one', () => {
    expect(
      v.validate(widget({}, { name: 'w', namespace: 'team-a' })).object
        .metadata,
    ).toEqual({ name: 'w' });
    expect(
      namespaced.validate(widget({}, { name: 'w', namespace: 'Team_A' }))
        .errors[0].path,
    ).toBe('metadata.namespace');
  });
});

describe('CrdValidator: defaulting', () => {
  const v = widgetValidator(
    spec({
      disruption: {
        type: 'object',
        default: { after: '0s' },
        properties: {
          after: { type: 'string' },
          policy: { type: 'string', default: 'WhenEmpty' },
          budgets: {
            type: 'array',
            default: [{ nodes: '10%' }],
            items: spec({ nodes: { type: 'string' } }),
          },
        },
      },
      counts: {
        type: 'object',
        additionalProperties: { type: 'integer', default: 1 },
      },
    }),
  );

  it('fills missing fields and then the defaults inside the defaults', () => {
    expect(v.validate(widget({})).object.spec).toEqual({
      disruption: {
        after: '0s',
        policy: 'WhenEmpty',
        budgets: [{ nodes: '10%' }],
      },
    });
  });

  it('replaces a null map value by its default and leaves given values alone', () => {
    expect(
      v.validate(
        widget({ counts: { a: null, b: 5 }, disruption: { after: '5m' } }),
      ).object.spec,
    ).toEqual({
      counts: { a: 1, b: 5 },
      disruption: {
        after: '5m',
        policy: 'WhenEmpty',
        budgets: [{ nodes: '10%' }],
      },
    });
  });

  it('never shares a default between results or mutates the input', () => {
    const input = widget({});
    const first = v.validate(input).object as {
      spec: { disruption: { budgets: unknown[] } };
    };
    first.spec.disruption.budgets.push('changed');
    expect(v.validate(widget({})).object.spec).toEqual({
      disruption: {
        after: '0s',
        policy: 'WhenEmpty',
        budgets: [{ nodes: '10%' }],
      },
    });
    expect(input).toEqual(widget({}));
  });

  it('defaults before CEL rules run', () => {
    const withRule = widgetValidator(
      spec(
        { mode: { type: 'string', default: 'auto' } },
        {
          'x-kubernetes-validations': [
            { rule: "self.mode == 'auto'", message: 'mode must be auto' },
          ],
        },
      ),
    );
    expect(withRule.validate(widget({})).valid).toBe(true);
    expect(
      withRule.validate(widget({ mode: 'manual' })).errors[0].message,
    ).toBe('mode must be auto');
  });
});

describe('CrdValidator: CEL rules', () => {
  it('reports the rule message, messageExpression, reason and fieldPath', () => {
    const v = widgetValidator(
      spec(
        {
          min: { type: 'integer' },
          max: { type: 'integer' },
          tags: { type: 'object', additionalProperties: { type: 'string' } },
        },
        {
          'x-kubernetes-validations': [
            {
              rule: 'self.min <= self.max',
              messageExpression: "'min ' + string(self.min) + ' exceeds max'",
              fieldPath: '.min',
              reason: 'FieldValueForbidden',
            },
            {
              rule: "!has(self.tags) || !('x.y' in self.tags)",
              message: 'x.y is reserved',
              fieldPath: ".tags['x.y']",
            },
            { rule: 'self.min >= 0' },
          ],
        },
      ),
    );
    expect(v.validate(widget({ min: 1, max: 2 })).valid).toBe(true);
    expect(
      v.validate(widget({ min: -3, max: -4, tags: { 'x.y': 'z' } })).errors,
    ).toEqual([
      {
        path: 'spec.min',
        message: 'min -3 exceeds max',
        kind: 'cel',
        reason: 'FieldValueForbidden',
        rule: 'self.min <= self.max',
      },
      {
        path: 'spec.tags[x.y]',
        message: 'x.y is reserved',
        kind: 'cel',
        reason: 'FieldValueInvalid',
        rule: "!has(self.tags) || !('x.y' in self.tags)",
      },
      {
        path: 'spec',
        message: 'failed rule: self.min >= 0',
        kind: 'cel',
        reason: 'FieldValueInvalid',
        rule: 'self.min >= 0',
      },
    ]);
  });

  it('falls back to the message when the messageExpression fails or is empty', () => {
    const v = widgetValidator(
      spec(
        { n: { type: 'integer' } },
        {
          'x-kubernetes-validations': [
            {
              rule: 'self.n > 0',
              message: 'n must be positive',
              messageExpression: 'self.missing',
            },
            {
              rule: 'self.n > 1',
              message: 'n must exceed 1',
              messageExpression: "''",
            },
          ],
        },
      ),
    );
    expect(v.validate(widget({ n: 0 })).errors.map(e => e.message)).toEqual([
      'n must be positive',
      'n must exceed 1',
    ]);
  });

  it('reports a rule that cannot be evaluated as a failure, with the evaluation error', () => {
    const v = widgetValidator(
      spec(
        { v: { type: 'string' } },
        {
          'x-kubernetes-validations': [
            { rule: 'int(self.v) >= 0', message: 'v must be a number' },
          ],
        },
      ),
    );
    expect(v.validate(widget({ v: '7' })).valid).toBe(true);
    expect(v.validate(widget({ v: 'seven' })).errors).toEqual([
      expect.objectContaining({
        path: 'spec',
        message: 'v must be a number',
        detail: expect.stringMatching(
          /int\(\).*evaluating rule: v must be a number/,
        ),
      }),
    ]);
  });

  it('binds integer fields as CEL ints and number fields as doubles', () => {
    const v = widgetValidator(
      spec(
        { i: { type: 'integer' }, d: { type: 'number' } },
        {
          'x-kubernetes-validations': [
            {
              rule: 'type(self.i) == int && type(self.d) == double && self.i + 1 == 3',
              message: 'typed',
            },
          ],
        },
      ),
    );
    expect(v.validate(widget({ i: 2, d: 2 })).valid).toBe(true);
  });

  it('evaluates rules on every list item and map value, and not on nulls', () => {
    const item = {
      type: 'string',
      nullable: true,
      'x-kubernetes-validations': [{ rule: "self != ''", message: 'empty' }],
    } as JSONSchemaProps;
    const v = widgetValidator(
      spec({
        list: { type: 'array', items: item },
        map: { type: 'object', additionalProperties: item },
      }),
    );
    expect(
      v
        .validate(widget({ list: ['a', '', null], map: { k: '', j: 'x' } }))
        .errors.map(e => e.path),
    ).toEqual(['spec.list[1]', 'spec.map[k]']);
  });

  it('skips CEL when the schema found blocking errors, with the apiserver message', () => {
    const v = widgetValidator(
      spec(
        { mode: { type: 'string', enum: ['a'] } },
        { 'x-kubernetes-validations': [{ rule: 'false', message: 'never' }] },
      ),
    );
    expect(
      v.validate(widget({ mode: 'b' })).errors.map(e => e.message),
    ).toEqual([
      'Unsupported value: "b": supported values: "a"',
      CEL_SKIPPED_MESSAGE,
    ]);
    expect(
      v.validate(widget({ mode: 'a' })).errors.map(e => e.message),
    ).toEqual(['never']);
  });
});

describe('CrdValidator: transition rules', () => {
  const immutable = { rule: 'self == oldSelf', message: 'is immutable' };
  const v: CrdValidator = widgetValidator(
    spec({
      ref: { type: 'string', 'x-kubernetes-validations': [immutable] },
      byKey: {
        type: 'array',
        'x-kubernetes-list-type': 'map',
        'x-kubernetes-list-map-keys': ['name'],
        items: spec({
          name: { type: 'string' },
          size: { type: 'integer', 'x-kubernetes-validations': [immutable] },
        }),
      },
      atomic: {
        type: 'array',
        items: spec({
          size: { type: 'integer', 'x-kubernetes-validations': [immutable] },
        }),
      },
      counter: {
        type: 'integer',
        'x-kubernetes-validations': [
          {
            rule: '!oldSelf.hasValue() || self >= oldSelf.value()',
            message: 'may not decrease',
            optionalOldSelf: true,
          },
          {
            rule: 'oldSelf.hasValue() || self == 0',
            message: 'starts at zero',
            optionalOldSelf: true,
          },
        ],
      },
    }),
  );

  it('skips transition rules on create', () => {
    expect(
      v.validate(widget({ ref: 'a', byKey: [{ name: 'x', size: 1 }] })).valid,
    ).toBe(true);
  });

  it('evaluates them on update against the correlated old value', () => {
    const old = widget({
      ref: 'a',
      byKey: [
        { name: 'x', size: 1 },
        { name: 'y', size: 2 },
      ],
    });
    expect(
      v.validate(
        widget({
          ref: 'a',
          byKey: [
            { name: 'y', size: 2 },
            { name: 'x', size: 1 },
          ],
        }),
        { oldObject: old },
      ).valid,
    ).toBe(true);
    expect(
      v
        .validate(
          widget({
            ref: 'b',
            byKey: [
              { name: 'x', size: 5 },
              { name: 'z', size: 9 },
            ],
          }),
          { oldObject: old },
        )
        .errors.map(e => e.path),
    ).toEqual(['spec.ref', 'spec.byKey[0].size']);
  });

  it('does not correlate items of atomic lists', () => {
    const old = widget({ atomic: [{ size: 1 }] });
    expect(
      v.validate(widget({ atomic: [{ size: 2 }] }), { oldObject: old }).valid,
    ).toBe(true);
  });

  it('runs optionalOldSelf rules on create too, with oldSelf empty', () => {
    expect(
      v.validate(widget({ counter: 3 })).errors.map(e => e.message),
    ).toEqual(['starts at zero']);
    expect(v.validate(widget({ counter: 0 })).valid).toBe(true);
    expect(
      v
        .validate(widget({ counter: 2 }), { oldObject: widget({ counter: 3 }) })
        .errors.map(e => e.message),
    ).toEqual(['may not decrease']);
  });
});

describe('formatValidationError', () => {
  it('renders a finding the way kubectl prints a field error', () => {
    const v = widgetValidator(
      spec(
        { v: { type: 'string' } },
        {
          'x-kubernetes-validations': [
            { rule: 'int(self.v) > 0', message: 'v must be a positive number' },
          ],
        },
      ),
    );
    const [error] = v.validate(widget({ v: 'x' })).errors;
    expect(formatValidationError(error)).toMatch(
      /^spec: v must be a positive number \(.*evaluating rule: v must be a positive number\)$/,
    );
    expect(
      formatValidationError(
        v.validate({ ...widget({}), kind: 'Gadget' }).errors[0],
      ),
    ).toBe('kind: Invalid value: "Gadget": must be Widget');
  });
});
