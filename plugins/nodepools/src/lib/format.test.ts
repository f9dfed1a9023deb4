import { formatTime, formatValue, shortRef } from './format';

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
});
