import { suiteNames } from './suiteNames.ts';

describe('suiteNames', () => {
  it('gives each suite its own DNS-safe prefix', () => {
    const a = suiteNames();
    const b = suiteNames();
    expect(a.prefix).not.toBe(b.prefix);
    expect(a.name('default')).toMatch(/^s[0-9a-f]{6}-default$/);
    expect(a.labels).toEqual({ 'nodepools.test/suite': a.prefix });
  });

  it('refuses names longer than a DNS label', () => {
    expect(() => suiteNames().name('x'.repeat(60))).toThrow(/longer than 63/);
  });
});
