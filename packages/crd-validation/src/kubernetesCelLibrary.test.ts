import { jsonToCelValue } from './celValue';
import { createKubernetesCelEnvironment } from './kubernetesCelLibrary';

const env = createKubernetesCelEnvironment();
const run = (expression: string, self?: unknown): unknown =>
  env.evaluate(expression, { self });
const fails = (expression: string, message: RegExp) =>
  expect(() => run(expression)).toThrow(message);

describe('regex library', () => {
  it('find returns the first match, or an empty string', () => {
    expect(run("'karpenter.sh/foo'.find('^([^/]+)')")).toBe('karpenter.sh');
    expect(run("'/foo'.find('^([^/]+)')")).toBe('');
    expect(run("'abc 123 def 456'.find('[0-9]+')")).toBe('123');
  });

  it('findAll returns every match, optionally limited', () => {
    expect(run("'abc 123 def 456'.findAll('[0-9]+')")).toEqual(['123', '456']);
    expect(run("'abc 123 def 456'.findAll('[0-9]+', 1)")).toEqual(['123']);
    expect(run("'abc 123 def 456'.findAll('[0-9]+', 0)")).toEqual([]);
    expect(run("'abc'.findAll('x')")).toEqual([]);
  });

  it('findAll skips an empty match right after a match, as Go does', () => {
    expect(run("'baaac'.findAll('a*')")).toEqual(['', 'aaa', '']);
  });

  it('uses RE2 semantics (\\s is ASCII whitespace) and reports invalid patterns', () => {
    expect(run("'a\u00a0b'.find('a\\\\sb')")).toBe('');
    fails("'a'.find('(a)\\\\1')", /backreferences/);
  });
});

describe('lists library', () => {
  it('isSorted compares comparable elements', () => {
    expect(run('[1, 2, 2, 3].isSorted()')).toBe(true);
    expect(run('[2.0, 1.0].isSorted()')).toBe(false);
    expect(run("['a', 'b', 'b', 'c'].isSorted()")).toBe(true);
    expect(run('[].isSorted()')).toBe(true);
    expect(run('[1, 2.5, 3].isSorted()')).toBe(true);
  });

  it('sum adds ints, doubles and durations; an empty list sums to 0', () => {
    expect(run('[1, 3].sum()')).toBe(4n);
    expect(run('[1.0, 3.5].sum()')).toBe(4.5);
    expect(run('[].sum()')).toBe(0n);
    expect(
      run("[duration('1m'), duration('1s')].sum() == duration('61s')"),
    ).toBe(true);
    fails("['a'].sum()", /sum\(\)/);
  });

  it('min and max pick the extreme element and reject an empty list', () => {
    expect(run('[3, 1, 2].min()')).toBe(1n);
    expect(run('[3, 1, 2].max()')).toBe(3n);
    expect(run("['b', 'a'].min()")).toBe('a');
    fails('[].min()', /must not be empty/);
    fails("[1, 'a'].max()", /cannot compare/);
  });

  it('indexOf and lastIndexOf use CEL equality', () => {
    expect(run('[1, 2, 3, 2].indexOf(2)')).toBe(1n);
    expect(run('[1, 2, 3, 2].lastIndexOf(2)')).toBe(3n);
    expect(run('[1, 2].indexOf(5)')).toBe(-1n);
    expect(run('[[1], [2]].indexOf([2])')).toBe(1n);
    expect(run('[1.0, 2.0].indexOf(2)')).toBe(1n);
  });
});

describe('strings extension', () => {
  it('charAt indexes code points; the length itself gives an empty string', () => {
    expect(run("'héllo'.charAt(1)")).toBe('é');
    expect(run("'a😀b'.charAt(2)")).toBe('b');
    expect(run("'abc'.charAt(3)")).toBe('');
    fails("'abc'.charAt(4)", /index out of range/);
  });

  it('replace replaces all, or the first n, occurrences', () => {
    expect(run("'a-b-c'.replace('-', '+')")).toBe('a+b+c');
    expect(run("'a-b-c'.replace('-', '+', 1)")).toBe('a+b-c');
    expect(run("'a-b-c'.replace('-', '+', 0)")).toBe('a-b-c');
    expect(run("'ab'.replace('', '.')")).toBe('.a.b.');
    expect(run("'ab'.replace('', '.', 2)")).toBe('.a.b');
  });

  it('reverse reverses code points', () => {
    expect(run("'abc😀'.reverse()")).toBe('😀cba');
  });

  it('the built-in split, join, lowerAscii, trim and substring behave as Kubernetes expects', () => {
    expect(run("'al2023@latest'.split('@')")).toEqual(['al2023', 'latest']);
    expect(run("'al2023'.split('@')")).toEqual(['al2023']);
    expect(run("'a,b,c'.split(',', 2)")).toEqual(['a', 'b,c']);
    expect(run("['a', 'b'].join('-')")).toBe('a-b');
    expect(run("'ABC'.lowerAscii()")).toBe('abc');
    expect(run("'  x '.trim()")).toBe('x');
    expect(run("'hello'.substring(1, 3)")).toBe('el');
    expect(run("'hello'.indexOf('l')")).toBe(2n);
  });
});

describe('quantity library', () => {
  it('parses and compares quantities semantically', () => {
    expect(run("quantity('1Gi') == quantity('1024Mi')")).toBe(true);
    expect(run("quantity('1.5Gi') != quantity('1536Mi')")).toBe(false);
    expect(run("quantity('500m').isLessThan(quantity('1'))")).toBe(true);
    expect(run("quantity('2k').isGreaterThan(quantity('1999'))")).toBe(true);
    expect(run("quantity('1').compareTo(quantity('1000m'))")).toBe(0n);
    expect(run("quantity('1Ki').compareTo(quantity('1k'))")).toBe(1n);
  });

  it('validates quantity text', () => {
    expect(run("isQuantity('1000Gi')")).toBe(true);
    expect(run("isQuantity('1e3')")).toBe(true);
    expect(run("isQuantity('1ki')")).toBe(false);
    expect(run("isQuantity('')")).toBe(false);
    fails("quantity('lots')", /quantities must match/);
  });

  it('converts to numbers', () => {
    expect(run("quantity('-5').sign()")).toBe(-1n);
    expect(run("quantity('0').sign()")).toBe(0n);
    expect(run("quantity('2k').isInteger()")).toBe(true);
    expect(run("quantity('500m').isInteger()")).toBe(false);
    expect(run("quantity('2k').asInteger()")).toBe(2000n);
    expect(run("quantity('500m').asApproximateFloat()")).toBe(0.5);
    fails("quantity('500m').asInteger()", /cannot convert/);
  });

  it('adds and subtracts quantities and ints', () => {
    expect(run("quantity('1Gi').add(quantity('1Gi')) == quantity('2Gi')")).toBe(
      true,
    );
    expect(run("quantity('1').add(2) == quantity('3')")).toBe(true);
    expect(run("quantity('1').sub(quantity('250m')) == quantity('750m')")).toBe(
      true,
    );
    expect(run("quantity('5').sub(5).sign()")).toBe(0n);
  });

  it('accepts dynamic (int-or-string) values from self', () => {
    expect(run('quantity(self).isGreaterThan(quantity("100"))', '1000Gi')).toBe(
      true,
    );
  });
});

describe('environment', () => {
  it('allows mixed list literals, as cel-go types them list(dyn)', () => {
    expect(run("[1, 'a'].size()")).toBe(2n);
  });

  it('supports optional field selection', () => {
    const self = jsonToCelValue({ a: 1 });
    expect(run("self.?missing.orValue('none')", self)).toBe('none');
    expect(run('self.?a.orValue(0)', self)).toBe(1n);
  });

  it('refuses functions that Kubernetes does not define', () => {
    expect(env.parse('self.noSuchFunction()').check().valid).toBe(false);
  });
});
