/**
 * Translation of Go RE2 regular expressions (what the apiserver uses for OpenAPI `pattern` and
 * CEL regex functions) into JavaScript RegExps with the same meaning.
 *
 * The syntaxes mostly agree; the differences that change results are rewritten (`\s`, `.`, `\z`,
 * octal and `\x{...}` escapes, POSIX classes, literal `{`, `]`, leading `]` in a class, escaped
 * punctuation), and what RE2 refuses (backreferences, lookaround) is refused here too, so a
 * pattern never silently means something else.
 */

const JS_SYNTAX_CHARS = new Set('^$\\.*+?()[]{}|/'.split(''));
const RE2_SPACE = '\\t\\n\\f\\r ';

const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Thrown for a pattern RE2 would reject or JavaScript cannot express. */
export class UnsupportedPatternError extends Error {
  constructor(pattern: string, reason: string) {
    super(`cannot compile RE2 pattern ${JSON.stringify(pattern)}: ${reason}`);
    this.name = 'UnsupportedPatternError';
  }
}

const isOctal = (c: string | undefined) =>
  c !== undefined && c >= '0' && c <= '7';
// RE2 accepts an escaped ASCII punctuation character (anything but a letter or digit) as a literal.
const isAlphanumeric = (c: string) => /[0-9A-Za-z]/.test(c);

function codePointEscape(codePoint: number): string {
  return `\\u{${codePoint.toString(16)}}`;
}

function unicodeClass(name: string, negated: boolean): string {
  let n = name;
  let neg = negated;
  if (n.startsWith('^')) {
    n = n.slice(1);
    neg = !neg;
  }
  // One- and two-letter names are general categories; longer ones are scripts in RE2.
  const property = n.length <= 2 || n === 'Any' ? n : `Script=${n}`;
  if (property === 'Any') return neg ? '[^\\s\\S]' : '[\\s\\S]';
  return `\\${neg ? 'P' : 'p'}{${property}}`;
}

class Re2Translator {
  private i = 0;
  private out = '';
  private flags = '';

  constructor(private readonly pattern: string) {}

  translate(): { source: string; flags: string } {
    this.readLeadingFlags();
    while (this.i < this.pattern.length) {
      this.translateAtom();
    }
    return { source: this.out, flags: this.flags };
  }

  private fail(reason: string): never {
    throw new UnsupportedPatternError(this.pattern, reason);
  }

  private readLeadingFlags() {
    const m = /^\(\?([imsU]*)\)/.exec(this.pattern);
    if (!m) return;
    if (m[1].includes('U'))
      this.fail('the U (ungreedy) flag has no JavaScript equivalent');
    this.flags = [...new Set(m[1].split(''))].join('');
    this.i = m[0].length;
  }

  private translateAtom() {
    const c = this.pattern[this.i];
    switch (c) {
      case '\\':
        this.out += this.translateEscape(false);
        return;
      case '[':
        this.translateClass();
        return;
      case '.':
        this.i++;
        this.out += this.flags.includes('s') ? '.' : '[^\\n]';
        return;
      case '{': {
        const rep = /^\{\d+(,\d*)?\}/.exec(this.pattern.slice(this.i));
        if (rep) {
          this.out += rep[0];
          this.i += rep[0].length;
        } else {
          this.out += '\\{';
          this.i++;
        }
        return;
      }
      case '}':
      case ']':
        this.out += `\\${c}`;
        this.i++;
        return;
      case '(':
        this.translateGroupOpen();
        return;
      default:
        this.out += c;
        this.i++;
    }
  }

  private translateGroupOpen() {
    const rest = this.pattern.slice(this.i);
    if (!rest.startsWith('(?')) {
      this.out += '(';
      this.i++;
      return;
    }
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named) {
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length;
      return;
    }
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.i += 3;
      return;
    }
    if (/^\(\?(=|!|<=|<!)/.test(rest))
      this.fail('RE2 does not support lookaround');
    this.fail('inline flags are only supported at the start of the pattern');
  }

  /** Reads one escape at `this.i` (which points at the backslash) and returns its JS form. */
  private translateEscape(inClass: boolean): string {
    const c = this.pattern[this.i + 1];
    if (c === undefined) this.fail('trailing backslash');
    this.i += 2;
    if (c >= '0' && c <= '9') return this.translateOctal(c);
    switch (c) {
      case 'a':
        return '\\x07';
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'v':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        return `\\${c}`;
      case 'b':
      case 'B':
        if (inClass) this.fail(`\\${c} is not allowed in a character class`);
        return `\\${c}`;
      case 's':
        return inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      case 'S':
        return inClass ? '\\S' : `[^${RE2_SPACE}]`;
      case 'A':
        if (inClass) this.fail('\\A is not allowed in a character class');
        return '(?<![\\s\\S])';
      case 'z':
        if (inClass) this.fail('\\z is not allowed in a character class');
        return '(?![\\s\\S])';
      case 'x':
        return this.translateHex();
      case 'p':
      case 'P':
        return this.translateUnicodeClass(c === 'P');
      case 'Q':
        return this.translateQuoted(inClass);
      default:
        if (isAlphanumeric(c)) this.fail(`invalid escape sequence \\${c}`);
        return this.literal(c, inClass);
    }
  }

  private literal(c: string, inClass: boolean): string {
    if (JS_SYNTAX_CHARS.has(c) || (inClass && c === '-')) return `\\${c}`;
    return c;
  }

  private translateOctal(first: string): string {
    // A lone \1-\9 is a backreference, which RE2 rejects; \0 and multi-digit forms are octal.
    let digits = first;
    if (first === '8' || first === '9')
      this.fail(`invalid escape sequence \\${first}`);
    if (first !== '0' && !isOctal(this.pattern[this.i])) {
      this.fail('RE2 does not support backreferences');
    }
    while (digits.length < 3 && isOctal(this.pattern[this.i])) {
      digits += this.pattern[this.i];
      this.i++;
    }
    return codePointEscape(parseInt(digits, 8));
  }

  private translateHex(): string {
    if (this.pattern[this.i] === '{') {
      const end = this.pattern.indexOf('}', this.i);
      const hex = end < 0 ? '' : this.pattern.slice(this.i + 1, end);
      if (!/^[0-9A-Fa-f]{1,6}$/.test(hex)) this.fail('invalid \\x{...} escape');
      this.i = end + 1;
      return codePointEscape(parseInt(hex, 16));
    }
    const hex = this.pattern.slice(this.i, this.i + 2);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) this.fail('invalid \\x escape');
    this.i += 2;
    return `\\x${hex}`;
  }

  private translateUnicodeClass(negated: boolean): string {
    if (this.pattern[this.i] === '{') {
      const end = this.pattern.indexOf('}', this.i);
      if (end < 0) this.fail('unterminated \\p{...}');
      const name = this.pattern.slice(this.i + 1, end);
      this.i = end + 1;
      return unicodeClass(name, negated);
    }
    const name = this.pattern[this.i];
    if (name === undefined) this.fail('incomplete \\p escape');
    this.i++;
    return unicodeClass(name, negated);
  }

  private translateQuoted(inClass: boolean): string {
    const end = this.pattern.indexOf('\\E', this.i);
    const text = this.pattern.slice(this.i, end < 0 ? undefined : end);
    this.i = end < 0 ? this.pattern.length : end + 2;
    return [...text].map(ch => this.literal(ch, inClass)).join('');
  }

  private translateClass() {
    this.i++;
    let body = '';
    if (this.pattern[this.i] === '^') {
      body += '^';
      this.i++;
    }
    // RE2 reads a `]` right after `[` or `[^` as a literal.
    if (this.pattern[this.i] === ']') {
      body += '\\]';
      this.i++;
    }
    for (;;) {
      const c = this.pattern[this.i];
      if (c === undefined) this.fail('missing closing ]');
      if (c === ']') {
        this.i++;
        break;
      }
      if (c === '\\') {
        body += this.translateEscape(true);
        continue;
      }
      if (c === '[') {
        const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.pattern.slice(this.i));
        if (posix) {
          const ranges = Object.prototype.hasOwnProperty.call(
            POSIX_CLASSES,
            posix[2],
          )
            ? POSIX_CLASSES[posix[2]]
            : undefined;
          if (!ranges) this.fail(`invalid character class [:${posix[2]}:]`);
          if (posix[1]) this.fail('negated POSIX classes are not supported');
          body += ranges;
          this.i += posix[0].length;
          continue;
        }
        body += '\\[';
        this.i++;
        continue;
      }
      body += c;
      this.i++;
    }
    this.out += `[${body}]`;
  }
}

const cache = new Map<string, RegExp>();

/** Compiles a Go RE2 pattern to a JavaScript RegExp with the same matches (cached per pattern). */
export function re2ToRegExp(pattern: string): RegExp {
  const cached = cache.get(pattern);
  if (cached) return cached;
  const { source, flags } = new Re2Translator(pattern).translate();
  let compiled: RegExp;
  try {
    compiled = new RegExp(source, `${flags}u`);
  } catch (e) {
    throw new UnsupportedPatternError(pattern, (e as Error).message);
  }
  cache.set(pattern, compiled);
  return compiled;
}

/** The same pattern with the global flag, for scanning every match. */
export function re2ToGlobalRegExp(pattern: string): RegExp {
  const base = re2ToRegExp(pattern);
  return new RegExp(base.source, `${base.flags}g`);
}
