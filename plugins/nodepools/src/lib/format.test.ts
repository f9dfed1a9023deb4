import { formatTime, formatValue, shortRef, valueLines } from './format';

describe('format', () => {
  it('shortens entity refs in the default namespace only', () => {
    expect(shortRef('user:default/alice')).toBe('alice');
    expect(shortRef('group:ops/platform')).toBe('ops/platform');
    expect(shortRef('not a ref:')).toBe('not a ref:');
  });

  it('formats times in UTC to the minute', () => {
    expect(formatTime('2026-11-24T10:30:59.000Z')).toBe('2026-11-24 10:30 UTC');
    expect(formatTime('garbage')).toBe('garbage');
  });

  it('formats diff values', () => {
    expect(formatValue(undefined)).toBe('(none)');
    expect(formatValue('16')).toBe('16');
    expect(formatValue(['amd64'])).toBe('["amd64"]');
  });

  it('reads requirements and taints as rows, not a JSON blob', () => {
    expect(
      valueLines([
        {
          key: 'karpenter.sh/capacity-type',
          operator: 'In',
          values: ['spot', 'on-demand'],
        },
        {
          key: 'karpenter.k8s.aws/instance-family',
          operator: 'In',
          values: ['m6i'],
          minValues: 2,
        },
        { key: 'kubernetes.io/arch', operator: 'Exists' },
      ]),
    ).toEqual([
      'karpenter.sh/capacity-type In spot, on-demand',
      'karpenter.k8s.aws/instance-family In m6i (at least 2)',
      'kubernetes.io/arch Exists',
    ]);
    expect(
      valueLines([
        {
          key: 'nodepools.backstage.io/team',
          value: 'payments',
          effect: 'NoSchedule',
        },
        { key: 'dedicated', effect: 'NoExecute' },
      ]),
    ).toEqual([
      'nodepools.backstage.io/team=payments:NoSchedule',
      'dedicated:NoExecute',
    ]);
    expect(valueLines({ cpu: '16', memory: '64Gi' })).toEqual([
      'cpu: 16',
      'memory: 64Gi',
    ]);
    expect(valueLines(['amd64', 'arm64'])).toEqual(['amd64', 'arm64']);
    expect(valueLines([])).toEqual(['(none)']);
    expect(valueLines(undefined)).toEqual(['(none)']);
    expect(valueLines('720h')).toEqual(['720h']);
  });
});
