import { KubernetesQuantity, QuantityFormatError } from './kubernetesQuantity';

const nanos = (text: string) => KubernetesQuantity.parse(text).nanos;

describe('KubernetesQuantity', () => {
  it.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['.5', 500_000_000n],
    ['1.', 1_000_000_000n],
    ['-2', -2_000_000_000n],
    ['+3k', 3_000_000_000_000n],
    ['1E', 10n ** 27n],
    ['1e3', 1_000_000_000_000n],
    ['1E-3', 1_000_000n],
    ['1.5Gi', 1536n * 1024n * 1024n * 1_000_000_000n],
    ['7n', 7n],
  ])('reads %s exactly', (text, expected) => {
    expect(nanos(text)).toBe(expected);
  });

  it('rounds fractions of a nano up, away from zero', () => {
    expect(nanos('0.1n')).toBe(1n);
    expect(nanos('-0.1n')).toBe(-1n);
  });

  it.each(['', 'Gi', '1ki', '1.2.3', '1e', ' 1', '1e99999', '--1'])(
    'rejects %j',
    text => {
      expect(KubernetesQuantity.isQuantity(text)).toBe(false);
      expect(() => KubernetesQuantity.parse(text)).toThrow(QuantityFormatError);
    },
  );

  it('knows which values are int64 integers', () => {
    expect(KubernetesQuantity.parse('9223372036854775807').isInteger()).toBe(
      true,
    );
    expect(KubernetesQuantity.parse('9223372036854775808').isInteger()).toBe(
      false,
    );
    expect(KubernetesQuantity.parse('1500m').isInteger()).toBe(false);
  });
});
