import { compileSchema } from './structuralSchema';

describe('compileSchema', () => {
  it('marks which subtrees hold rules, so validation can skip the rest', () => {
    const node = compileSchema({
      type: 'object',
      properties: {
        plain: { type: 'object', properties: { a: { type: 'string' } } },
        ruled: {
          type: 'array',
          items: {
            type: 'string',
            'x-kubernetes-validations': [{ rule: "self != ''" }],
          },
        },
      },
    });
    expect(node.hasRules).toBe(true);
    expect(node.rules).toHaveLength(0);
    expect(node.properties?.get('plain')?.hasRules).toBe(false);
    expect(node.properties?.get('ruled')?.hasRulesBelow).toBe(true);
    expect(node.properties?.get('ruled')?.items?.rules).toHaveLength(1);
  });

  it('recognises transition rules by their use of oldSelf', () => {
    const node = compileSchema({
      type: 'string',
      'x-kubernetes-validations': [
        { rule: 'self == oldSelf' },
        { rule: "self != 'oldSelf'" },
        { rule: 'self.size() > 0 && [1].all(x, oldSelf != self)' },
      ],
    });
    expect(node.rules.map(r => r.rule.isTransition)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('refuses what the apiserver would refuse when admitting the CRD', () => {
    expect(() => compileSchema({ type: 'string', pattern: '(a)\\1' })).toThrow(
      /backreferences/,
    );
    expect(() => compileSchema({ type: 'strin' })).toThrow(
      /unsupported schema type/,
    );
    expect(() =>
      compileSchema({
        type: 'object',
        'x-kubernetes-validations': [
          { rule: 'true', reason: 'FieldValueTooLong' },
        ],
      }),
    ).toThrow(/unsupported reason/);
    expect(() =>
      compileSchema({
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'true', fieldPath: '.missing' }],
      }),
    ).toThrow(/does not exist/);
    expect(() =>
      compileSchema({
        type: 'object',
        'x-kubernetes-validations': [{ rule: 'self ==' }],
      }),
    ).toThrow(/does not compile/);
  });

  it('resolves fieldPath into the reported path, with map keys in brackets', () => {
    const node = compileSchema({
      type: 'object',
      properties: {
        labels: { type: 'object', additionalProperties: { type: 'string' } },
      },
      'x-kubernetes-validations': [
        { rule: 'true', fieldPath: ".labels['a.b/c']" },
      ],
    });
    expect(node.rules[0].reportPath('spec')).toBe('spec.labels[a.b/c]');
  });
});
