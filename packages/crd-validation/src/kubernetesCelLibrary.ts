import type { Environment as CelEnvironment } from '@marcbachmann/cel-js';
import { celList, Duration, Environment, UnsignedInt } from './celRuntime';
import { celCompare, celEquals, NoSuchOverloadError } from './celValueOrder';
import { KubernetesQuantity } from './kubernetesQuantity';
import { re2ToGlobalRegExp, re2ToRegExp } from './re2RegExp';

/**
 * The CEL extension functions the Kubernetes apiserver adds to CRD validation rules
 * (k8s.io/apiserver/pkg/cel/library and cel-go's strings extension) that
 * @marcbachmann/cel-js does not already provide, with the apiserver's semantics.
 *
 * Already built into the library and therefore not redefined: `matches`, `contains`,
 * `startsWith`, `endsWith`, `size`, `lowerAscii`, `upperAscii`, `trim`, `split`, `join`,
 * `substring`, `indexOf`/`lastIndexOf` on strings, the macros and `int()`/`uint()`/`double()`.
 */

function find(text: string, pattern: string): string {
  const m = re2ToRegExp(pattern).exec(text);
  return m ? m[0] : '';
}

function findAll(text: string, pattern: string, limit: bigint): string[] {
  if (limit === 0n) return [];
  const re = re2ToGlobalRegExp(pattern);
  const out: string[] = [];
  let previousEnd = -1;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const end = m.index + m[0].length;
    // Go skips an empty match that touches the end of the previous match.
    if (!(m[0] === '' && m.index === previousEnd)) {
      out.push(m[0]);
      if (limit > 0n && BigInt(out.length) >= limit) break;
    }
    previousEnd = end;
    if (m[0] === '') {
      re.lastIndex = m.index + (text.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
  return out;
}

function isSorted(list: unknown[]): boolean {
  for (let i = 1; i < list.length; i++) {
    if (celCompare(list[i - 1], list[i]) > 0) return false;
  }
  return true;
}

function sum(list: unknown[]): unknown {
  if (list.length === 0) return 0n;
  const first = list[0];
  if (typeof first === 'bigint') {
    let total = 0n;
    for (const v of list) {
      if (typeof v !== 'bigint')
        throw new NoSuchOverloadError('sum of mixed types');
      total += v;
    }
    if (total > 2n ** 63n - 1n || total < -(2n ** 63n)) {
      throw new Error('integer overflow');
    }
    return total;
  }
  if (typeof first === 'number') {
    let total = 0;
    for (const v of list) {
      if (typeof v !== 'number')
        throw new NoSuchOverloadError('sum of mixed types');
      total += v;
    }
    return total;
  }
  if (first instanceof UnsignedInt) {
    let total = 0n;
    for (const v of list) {
      if (!(v instanceof UnsignedInt))
        throw new NoSuchOverloadError('sum of mixed types');
      total += v.value;
    }
    return new UnsignedInt(total);
  }
  if (first instanceof Duration) {
    let total = new Duration(0);
    for (const v of list) {
      if (!(v instanceof Duration))
        throw new NoSuchOverloadError('sum of mixed types');
      total = total.addDuration(v);
    }
    return total;
  }
  throw new NoSuchOverloadError(
    'sum() needs a list of int, uint, double or duration',
  );
}

function extreme(
  list: unknown[],
  name: string,
  better: (c: number) => boolean,
) {
  if (list.length === 0) {
    throw new Error(`${name}(list) argument must not be empty`);
  }
  let best = list[0];
  for (let i = 1; i < list.length; i++) {
    if (better(celCompare(list[i], best))) best = list[i];
  }
  // Comparing a single element with itself still rejects types that have no order.
  if (list.length === 1) celCompare(best, best);
  return best;
}

function indexOf(list: unknown[], value: unknown): bigint {
  for (let i = 0; i < list.length; i++) {
    if (celEquals(list[i], value)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(list: unknown[], value: unknown): bigint {
  for (let i = list.length - 1; i >= 0; i--) {
    if (celEquals(list[i], value)) return BigInt(i);
  }
  return -1n;
}

function charAt(text: string, index: bigint): string {
  // CEL indexes strings by code point; index == length yields ''.
  const chars = [...text];
  if (index < 0n || index > BigInt(chars.length)) {
    throw new Error(`index out of range: ${index}`);
  }
  return chars[Number(index)] ?? '';
}

function replace(
  text: string,
  from: string,
  to: string,
  limit: bigint,
): string {
  if (limit === 0n || from === to) return text;
  if (from === '') {
    // Go's strings.Replace with an empty `from` inserts before every code point and at the end.
    const chars = [...text];
    const max = limit < 0n ? chars.length + 1 : Number(limit);
    let out = '';
    for (let i = 0; i <= chars.length; i++) {
      if (i < max) out += to;
      if (i < chars.length) out += chars[i];
    }
    return out;
  }
  const pieces = text.split(from);
  const max =
    limit < 0n ? pieces.length - 1 : Math.min(Number(limit), pieces.length - 1);
  return (
    pieces.slice(0, max + 1).join(to) +
    pieces
      .slice(max + 1)
      .map(p => from + p)
      .join('')
  );
}

const reverse = (text: string): string => [...text].reverse().join('');

function asQuantity(v: KubernetesQuantity | bigint): KubernetesQuantity {
  return typeof v === 'bigint' ? KubernetesQuantity.fromInteger(v) : v;
}

/** Adds the Kubernetes extension functions to a cel-js environment. */
export function registerKubernetesCelLibrary(
  env: CelEnvironment,
): CelEnvironment {
  return (
    env
      // regex library
      .registerFunction('string.find(string): string', find)
      .registerFunction(
        'string.findAll(string): list<string>',
        (s: string, p: string) => celList(findAll(s, p, -1n)),
      )
      .registerFunction(
        'string.findAll(string, int): list<string>',
        (s: string, p: string, n: bigint) => celList(findAll(s, p, n)),
      )
      // lists library
      .registerFunction('list.isSorted(): bool', isSorted)
      .registerFunction('list.sum(): dyn', sum)
      .registerFunction('list.min(): dyn', (l: unknown[]) =>
        extreme(l, 'min', c => c < 0),
      )
      .registerFunction('list.max(): dyn', (l: unknown[]) =>
        extreme(l, 'max', c => c > 0),
      )
      .registerFunction('list.indexOf(dyn): int', indexOf)
      .registerFunction('list.lastIndexOf(dyn): int', lastIndexOf)
      // strings extension
      .registerFunction('string.charAt(int): string', charAt)
      .registerFunction(
        'string.replace(string, string): string',
        (s: string, from: string, to: string) => replace(s, from, to, -1n),
      )
      .registerFunction('string.replace(string, string, int): string', replace)
      .registerFunction('string.reverse(): string', reverse)
      // quantity library
      .registerType('Quantity', KubernetesQuantity)
      .registerFunction('quantity(string): Quantity', (s: string) =>
        KubernetesQuantity.parse(s),
      )
      .registerFunction('isQuantity(string): bool', (s: string) =>
        KubernetesQuantity.isQuantity(s),
      )
      .registerFunction('Quantity.sign(): int', (q: KubernetesQuantity) =>
        q.sign(),
      )
      .registerFunction('Quantity.isInteger(): bool', (q: KubernetesQuantity) =>
        q.isInteger(),
      )
      .registerFunction('Quantity.asInteger(): int', (q: KubernetesQuantity) =>
        q.asInteger(),
      )
      .registerFunction(
        'Quantity.asApproximateFloat(): double',
        (q: KubernetesQuantity) => q.asApproximateFloat(),
      )
      .registerFunction(
        'Quantity.add(Quantity): Quantity',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.add(b),
      )
      .registerFunction(
        'Quantity.add(int): Quantity',
        (a: KubernetesQuantity, b: bigint) => a.add(asQuantity(b)),
      )
      .registerFunction(
        'Quantity.sub(Quantity): Quantity',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.sub(b),
      )
      .registerFunction(
        'Quantity.sub(int): Quantity',
        (a: KubernetesQuantity, b: bigint) => a.sub(asQuantity(b)),
      )
      .registerFunction(
        'Quantity.isGreaterThan(Quantity): bool',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.compareTo(b) > 0n,
      )
      .registerFunction(
        'Quantity.isLessThan(Quantity): bool',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.compareTo(b) < 0n,
      )
      .registerFunction(
        'Quantity.compareTo(Quantity): int',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.compareTo(b),
      )
      // cel-js derives != from ==.
      .registerOperator(
        'Quantity == Quantity',
        (a: KubernetesQuantity, b: KubernetesQuantity) => a.equals(b),
      )
  );
}

/** Options for a Kubernetes-flavoured CEL environment. */
export interface KubernetesCelEnvironmentOptions {
  /** Declare `oldSelf` as `optional<dyn>`, for rules with `optionalOldSelf: true`. */
  optionalOldSelf?: boolean;
}

/** A cel-js environment declaring `self` and `oldSelf` with the Kubernetes extensions. */
export function createKubernetesCelEnvironment(
  options: KubernetesCelEnvironmentOptions = {},
): CelEnvironment {
  // cel-go (and so the apiserver) types mixed list literals as list(dyn) instead of refusing them.
  const env = new Environment({
    enableOptionalTypes: true,
    homogeneousAggregateLiterals: false,
  })
    .registerVariable('self', 'dyn')
    .registerVariable(
      'oldSelf',
      options.optionalOldSelf ? 'optional<dyn>' : 'dyn',
    );
  return registerKubernetesCelLibrary(env);
}
