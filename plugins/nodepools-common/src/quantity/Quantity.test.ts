import fc from 'fast-check';
import {
  compareQuantities,
  formatQuantity,
  parseQuantity,
  quantity,
  quantityToNumber,
  sumQuantities,
} from './Quantity';

const nanos = (text: string) => quantity(text).nanos;

describe('parseQuantity', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1.', 1_000_000_000n],
    ['+2', 2_000_000_000n],
    ['-1', -1_000_000_000n],
    ['1k', 1_000n * 1_000_000_000n],
    ['1e3', 1_000n * 1_000_000_000n],
    ['1E-3', 1_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['1Gi', 1024n ** 3n * 1_000_000_000n],
    ['1.5Gi', 1536n * 1024n ** 2n * 1_000_000_000n],
    ['1n', 1n],
    ['1u', 1000n],
    ['2Ei', 2n * 2n ** 60n * 1_000_000_000n],
  ])('reads %s exactly', (text, expected) => {
    expect(nanos(text)).toBe(expected);
  });

  it('rounds values finer than a nano up, as the apiserver does', () => {
    expect(nanos('0.1n')).toBe(1n);
    expect(nanos('1.0000000001')).toBe(1_000_000_001n);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    'abc',
    '1.2.3',
    '1Qi',
    'Gi',
    '1e1.5',
    '1e',
    '--1',
    '1ki',
    '1e99',
  ])('rejects %j with a reason', text => {
    expect(parseQuantity(text)).toEqual({
      ok: false,
      message: expect.stringMatching(/.{6,}/),
    });
  });

  it('refuses suffixes that are names of Object.prototype (found by the property below)', () => {
    for (const text of ['0valueOf', '1constructor', '2toString', '3__proto__'])
      expect(parseQuantity(text)).toMatchObject({ ok: false });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), value => {
        const result = parseQuantity(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('equal amounts in different notations compare equal', () => {
    expect(compareQuantities(quantity('1Gi'), quantity('1024Mi'))).toBe(0);
    expect(compareQuantities(quantity('1.5Gi'), quantity('1536Mi'))).toBe(0);
    expect(compareQuantities(quantity('1k'), quantity('1000'))).toBe(0);
    expect(compareQuantities(quantity('500m'), quantity('1'))).toBe(-1);
    expect(compareQuantities(quantity('1G'), quantity('1Gi'))).toBe(-1);
  });

  it('format and parse round-trip for any value', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.constantFrom('binary', 'decimal' as const),
        (n, style) => {
          const text = formatQuantity({ nanos: n }, style);
          expect(nanos(text)).toBe(n);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('sums exactly where floating point would not', () => {
    const tenths = Array.from({ length: 10 }, () => quantity('0.1'));
    expect(sumQuantities(tenths).nanos).toBe(1_000_000_000n);
    expect(quantityToNumber(quantity('1536Mi'))).toBe(1536 * 2 ** 20);
  });

  it('formats memory with the largest exact binary suffix', () => {
    expect(formatQuantity(quantity('1024Mi'), 'binary')).toBe('1Gi');
    expect(formatQuantity(quantity('1536Mi'), 'binary')).toBe('1536Mi');
    expect(formatQuantity(quantity('1500m'))).toBe('1500m');
  });
});
