import { formatList, formatQuantities, formatQuorum } from './formatPolicy';

describe('formatList', () => {
  it('joins values', () => {
    expect(formatList(['spot', 'on-demand'])).toBe('spot, on-demand');
  });

  it('says "none" for an empty list', () => {
    expect(formatList([])).toBe('none');
  });
});

describe('formatQuantities', () => {
  it('names CPU and memory', () => {
    expect(formatQuantities({ cpu: '64', memory: '256Gi' })).toBe(
      '64 CPU, 256Gi memory',
    );
  });

  it('adds GPU when the cluster allows some', () => {
    expect(formatQuantities({ cpu: '32', memory: '128Gi', gpu: '4' })).toBe(
      '32 CPU, 128Gi memory, 4 GPU',
    );
  });

  it('leaves out a zero GPU limit', () => {
    expect(formatQuantities({ cpu: '8', memory: '32Gi', gpu: '0' })).toBe(
      '8 CPU, 32Gi memory',
    );
  });
});

describe('formatQuorum', () => {
  it('counts approvals', () => {
    expect(formatQuorum(1)).toBe('1 approval');
    expect(formatQuorum(2)).toBe('2 approvals');
  });
});
