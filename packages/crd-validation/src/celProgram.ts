import type { Environment, ParseResult } from '@marcbachmann/cel-js';
import { errorMessage, Optional } from './celRuntime';
import type { ValidationRule } from './crdTypes';
import { createKubernetesCelEnvironment } from './kubernetesCelLibrary';
import type { FieldErrorReason } from './validationError';

/** Marks "no correlated old value": a create, or a value that is new in this update. */
export const NO_OLD_VALUE: unique symbol = Symbol('no old value');

/** What one rule evaluation concluded. */
export type RuleOutcome =
  | { ok: true }
  | { ok: false; message: string; detail?: string };

/** Thrown while compiling a CRD whose rule the apiserver itself would refuse. */
export class RuleCompileError extends Error {
  constructor(rule: string, cause: string) {
    super(
      `x-kubernetes-validations rule ${JSON.stringify(
        rule,
      )} does not compile: ${cause}`,
    );
    this.name = 'RuleCompileError';
  }
}

const ALLOWED_REASONS = new Set<FieldErrorReason>([
  'FieldValueInvalid',
  'FieldValueForbidden',
  'FieldValueRequired',
  'FieldValueDuplicate',
]);

// Environments are expensive to build and programs are pure, so both are shared by every CRD.
let plainEnvironment: Environment | undefined;
let optionalOldSelfEnvironment: Environment | undefined;
const programCache = new Map<string, ParseResult>();

function environmentFor(optionalOldSelf: boolean): Environment {
  if (optionalOldSelf) {
    optionalOldSelfEnvironment ??= createKubernetesCelEnvironment({
      optionalOldSelf: true,
    });
    return optionalOldSelfEnvironment;
  }
  plainEnvironment ??= createKubernetesCelEnvironment();
  return plainEnvironment;
}

function compileExpression(
  expression: string,
  optionalOldSelf: boolean,
): ParseResult {
  const key = `${optionalOldSelf ? 'opt' : 'std'}\u0000${expression}`;
  const cached = programCache.get(key);
  if (cached) return cached;
  const env = environmentFor(optionalOldSelf);
  let program: ParseResult;
  try {
    program = env.parse(expression);
  } catch (e) {
    throw new RuleCompileError(expression, firstLine(e));
  }
  // Type-checking up front catches functions the library lacks at CRD load, not mid-validation.
  const checked = program.check();
  if (!checked.valid) {
    throw new RuleCompileError(expression, firstLine(checked.error));
  }
  programCache.set(key, program);
  return program;
}

function firstLine(e: unknown): string {
  return errorMessage(e).split('\n')[0];
}

/** Whether an expression refers to `oldSelf`, which makes its rule a transition rule. */
function referencesOldSelf(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(referencesOldSelf);
  if (typeof node !== 'object' || node === null) return false;
  const { op, args } = node as { op?: unknown; args?: unknown };
  if (op === 'id') return args === 'oldSelf';
  return referencesOldSelf(args);
}

/** One compiled `x-kubernetes-validations` entry, evaluated many times. */
export class CelRule {
  /** The rule as written in the CRD. */
  readonly rule: string;
  /** True when the rule compares with `oldSelf` and so only runs on update. */
  readonly isTransition: boolean;
  /** The Kubernetes error type to report, from the rule's `reason`. */
  readonly reason: FieldErrorReason;
  private readonly program: ParseResult;
  private readonly messageProgram?: ParseResult;
  private readonly staticMessage: string;
  private readonly optionalOldSelf: boolean;

  constructor(source: ValidationRule) {
    this.rule = source.rule;
    this.optionalOldSelf = source.optionalOldSelf === true;
    this.program = compileExpression(source.rule, this.optionalOldSelf);
    this.isTransition = referencesOldSelf(this.program.ast);
    if (source.messageExpression) {
      this.messageProgram = compileExpression(
        source.messageExpression,
        this.optionalOldSelf,
      );
    }
    const reason = (source.reason ?? 'FieldValueInvalid') as FieldErrorReason;
    if (!ALLOWED_REASONS.has(reason)) {
      throw new RuleCompileError(
        source.rule,
        `unsupported reason ${JSON.stringify(reason)}`,
      );
    }
    this.reason = reason;
    // The apiserver's fallback when a rule has no message.
    this.staticMessage =
      source.message?.trim() || `failed rule: ${source.rule.trim()}`;
  }

  /**
   * Evaluates the rule. Returns undefined when the rule does not apply: a transition rule with
   * no old value is skipped, exactly as the apiserver skips it on create.
   */
  evaluate(self: unknown, oldSelf: unknown): RuleOutcome | undefined {
    const hasOld = oldSelf !== NO_OLD_VALUE;
    if (this.isTransition && !hasOld && !this.optionalOldSelf) return undefined;
    let oldBinding: unknown = hasOld ? oldSelf : undefined;
    if (this.optionalOldSelf)
      oldBinding = hasOld ? Optional.of(oldSelf) : Optional.none();
    const context = { self, oldSelf: oldBinding };
    let result: unknown;
    try {
      result = this.program(context);
    } catch (e) {
      return {
        ok: false,
        message: this.staticMessage,
        detail: `${firstLine(e)} evaluating rule: ${this.staticMessage}`,
      };
    }
    if (result === true) return { ok: true };
    if (result !== false) {
      return {
        ok: false,
        message: this.staticMessage,
        detail: `rule evaluated to ${typeof result}, not a bool`,
      };
    }
    return { ok: false, message: this.failureMessage(context) };
  }

  private failureMessage(context: { self: unknown; oldSelf: unknown }): string {
    if (!this.messageProgram) return this.staticMessage;
    // As in the apiserver, a messageExpression that errors or yields an unusable string falls back.
    try {
      const text: unknown = this.messageProgram(context);
      if (
        typeof text === 'string' &&
        text.trim() !== '' &&
        !/[\r\n]/.test(text) &&
        text.length <= 5000
      ) {
        return text;
      }
    } catch {
      // fall through to the static message
    }
    return this.staticMessage;
  }
}
