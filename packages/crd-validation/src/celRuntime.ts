import * as nodeModule from 'node:module';
import type * as CelJs from '@marcbachmann/cel-js';
import type * as CelJsEvaluator from '@marcbachmann/cel-js/evaluator';

/**
 * The one place that loads @marcbachmann/cel-js, and the constructors CEL values must be built with.
 *
 * Why not a plain import: this package mostly runs inside Jest, whose sandbox (a `vm` context)
 * makes every global lookup slow; cel-js dispatches on `value.constructor === Map` and friends in
 * its hot loop, which measured 15x slower there (21 µs instead of 1.4 µs per rule). So cel-js is
 * loaded through Node's own module loader, outside the sandbox, when that is possible. Its values
 * then belong to the main realm, so every Map, list, Date and byte array handed to CEL is built
 * with that realm's constructors, and values coming back are recognised without `instanceof`.
 * Outside Jest both realms are the same and this costs nothing.
 */

type ModuleLoader = (
  request: string,
  parent: unknown,
  isMain: boolean,
) => unknown;

function nodeLoader(): ModuleLoader | undefined {
  const m = nodeModule as unknown as {
    _load?: ModuleLoader;
    default?: { _load?: ModuleLoader };
  };
  const load = m._load ?? m.default?._load;
  return typeof load === 'function' ? load : undefined;
}

function loadModule<T>(specifier: string): T {
  const load = nodeLoader();
  if (load) {
    try {
      return load(require.resolve(specifier), null, false) as T;
    } catch {
      // Node without require(esm) support: fall back to the bundler's or Jest's own loading.
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(specifier) as T;
}

const celJs = loadModule<typeof CelJs>('@marcbachmann/cel-js');
const celJsEvaluator = loadModule<typeof CelJsEvaluator>(
  '@marcbachmann/cel-js/evaluator',
);

const realmArray = (new celJs.Environment().evaluate('[]') as unknown[])
  .constructor as ArrayConstructor;
// The Function constructor of cel-js's realm evaluates in that realm, giving its globals.
const realmGlobal = (realmArray.constructor as FunctionConstructor)(
  'return globalThis',
)() as typeof globalThis;

/** The cel-js exports in use. */
export const { Environment, Optional } = celJs;
/** cel-js runtime classes for uint and duration values. */
export const { Duration, UnsignedInt } = celJsEvaluator;
/** A CEL duration value. */
export type CelDuration = InstanceType<typeof Duration>;

/** A CEL list (a cel-js-realm array) holding the given items. */
export const celList = <T>(items: readonly T[]): T[] => realmArray.from(items);

/** An empty CEL map. */
export const celMap = (): Map<string, unknown> =>
  new realmGlobal.Map<string, unknown>();

/** A CEL timestamp. */
export const celTimestamp = (millis: number): Date =>
  new realmGlobal.Date(millis);

/** CEL bytes. */
export const celBytes = (bytes: Uint8Array): Uint8Array =>
  new realmGlobal.Uint8Array(bytes);

const tag = (v: unknown) => Object.prototype.toString.call(v);

/** True for a map from either realm. */
export const isCelMap = (v: unknown): v is Map<unknown, unknown> =>
  tag(v) === '[object Map]';

/** True for a timestamp from either realm. */
export const isCelTimestamp = (v: unknown): v is Date =>
  tag(v) === '[object Date]';

/** True for bytes from either realm. */
export const isCelBytes = (v: unknown): v is Uint8Array =>
  tag(v) === '[object Uint8Array]';

/** The message of an error thrown in either realm (`instanceof Error` fails across realms). */
export function errorMessage(e: unknown): string {
  const message = (e as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(e);
}
