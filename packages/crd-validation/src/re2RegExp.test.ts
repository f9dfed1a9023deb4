import { re2ToRegExp, UnsupportedPatternError } from './re2RegExp';

const matches = (pattern: string, text: string) =>
  re2ToRegExp(pattern).test(text);

describe('re2ToRegExp', () => {
  it('keeps the meaning of the patterns in the Karpenter CRDs', () => {
    const duration = '^(([0-9]+(s|m|h))+|Never)$';
    expect(matches(duration, '30s')).toBe(true);
    expect(matches(duration, '1h30m')).toBe(true);
    expect(matches(duration, 'Never')).toBe(true);
    expect(matches(duration, '5 minutes')).toBe(false);
    const volumeSize =
      '^((?:[1-9][0-9]{0,3}|[1-4][0-9]{4}|[5][0-8][0-9]{3}|59000)Gi|(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|[6][0-3][0-9]{3}|64000)G|([1-9]||[1-5][0-7]|58)Ti|([1-9]||[1-5][0-9]|6[0-3]|64)T)$';
    expect(matches(volumeSize, '100Gi')).toBe(true);
    expect(matches(volumeSize, '0Gi')).toBe(false);
    const taintKey =
      '^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*(\\/))?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$';
    expect(matches(taintKey, 'example.com/gpu')).toBe(true);
    expect(matches(taintKey, 'Example.com/gpu')).toBe(false);
    const schedule =
      '^(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((.+)\\s(.+)\\s(.+)\\s(.+)\\s(.+))$';
    expect(matches(schedule, '@daily')).toBe(true);
    expect(matches(schedule, '0 9 * * mon-fri')).toBe(true);
    expect(matches(schedule, 'tomorrow')).toBe(false);
  });

  it('searches rather than anchoring, like Go MatchString', () => {
    expect(matches('ami-[0-9a-z]+', 'xx ami-0abc yy')).toBe(true);
  });

  it('gives \\s the ASCII meaning of RE2, not Unicode whitespace', () => {
    expect(matches('^a\\sb$', 'a b')).toBe(true);
    expect(matches('^a\\sb$', 'a\u00a0b')).toBe(false);
    expect(matches('^a\\sb$', 'a\vb')).toBe(false);
    expect(matches('^[\\s]$', '\u2003')).toBe(false);
  });

  it('lets . match \\r and other line separators but not \\n', () => {
    expect(matches('^a.b$', 'a\rb')).toBe(true);
    expect(matches('^a.b$', 'a\u2028b')).toBe(true);
    expect(matches('^a.b$', 'a\nb')).toBe(false);
    expect(matches('(?s)^a.b$', 'a\nb')).toBe(true);
  });

  it('matches code points, not UTF-16 halves', () => {
    expect(matches('^.$', '😀')).toBe(true);
  });

  it('translates RE2-only syntax', () => {
    expect(matches('^a\\z', 'a')).toBe(true);
    expect(matches('a\\z', 'a\n')).toBe(false);
    expect(matches('\\Aa', 'ba')).toBe(false);
    expect(matches('^\\x{41}\\101$', 'AA')).toBe(true);
    expect(matches('^[[:digit:]]+$', '123')).toBe(true);
    expect(matches('^[[:alpha:]]+$', 'a1')).toBe(false);
    expect(matches('^(?P<word>\\w+)$', 'abc')).toBe(true);
    expect(matches('^\\Q.*\\E$', '.*')).toBe(true);
    expect(matches('^\\Q.*\\E$', 'ab')).toBe(false);
    expect(matches('^\\pL+$', 'héllo')).toBe(true);
    expect(matches('^\\p{Greek}+$', 'αβγ')).toBe(true);
    expect(matches('(?i)^abc$', 'ABC')).toBe(true);
  });

  it('treats braces, brackets and escaped punctuation as RE2 does', () => {
    expect(matches('^a{$', 'a{')).toBe(true);
    expect(matches('^{foo}$', '{foo}')).toBe(true);
    expect(matches('^a]$', 'a]')).toBe(true);
    expect(matches('^[]a]+$', ']a')).toBe(true);
    expect(matches('^\\-\\_\\@$', '-_@')).toBe(true);
    expect(matches('^a{2}$', 'aa')).toBe(true);
  });

  it('refuses what RE2 refuses instead of silently changing the meaning', () => {
    expect(() => re2ToRegExp('(a)\\1')).toThrow(UnsupportedPatternError);
    expect(() => re2ToRegExp('a(?=b)')).toThrow(UnsupportedPatternError);
    expect(() => re2ToRegExp('(?<!a)b')).toThrow(UnsupportedPatternError);
    expect(() => re2ToRegExp('\\ka')).toThrow(UnsupportedPatternError);
    expect(() => re2ToRegExp('[a')).toThrow(UnsupportedPatternError);
    expect(() => re2ToRegExp('(?U)a*')).toThrow(UnsupportedPatternError);
  });

  it('returns the same compiled RegExp for the same pattern', () => {
    expect(re2ToRegExp('^x+$')).toBe(re2ToRegExp('^x+$'));
  });
});
