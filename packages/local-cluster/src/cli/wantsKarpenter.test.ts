import { wantsKarpenter } from './wantsKarpenter.ts';

describe('wantsKarpenter', () => {
  it('is unset unless asked for, by flag or environment', () => {
    expect(wantsKarpenter([], {})).toBeUndefined();
    expect(wantsKarpenter([], { NODEPOOLS_KARPENTER: 'yes' })).toBeUndefined();
    expect(wantsKarpenter(['--karpenter'], {})).toBe(true);
    expect(wantsKarpenter([], { NODEPOOLS_KARPENTER: '1' })).toBe(true);
    expect(wantsKarpenter([], { NODEPOOLS_KARPENTER: 'true' })).toBe(true);
    expect(wantsKarpenter([], { NODEPOOLS_KARPENTER: '0' })).toBe(false);
  });

  it('lets the command line override the environment, and refuses typos', () => {
    expect(
      wantsKarpenter(['--no-karpenter'], { NODEPOOLS_KARPENTER: '1' }),
    ).toBe(false);
    expect(() => wantsKarpenter(['--karpentr'], {})).toThrow(
      /Unknown argument --karpentr/,
    );
  });
});
