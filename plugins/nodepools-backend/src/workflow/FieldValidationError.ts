import { InputError } from '@backstage/errors';
import type {
  FieldError,
  PolicyViolation,
} from '@nodepools/plugin-nodepools-common';

/** Bad input with every field at fault; the router answers 400 with the list. */
export class FieldValidationError extends InputError {
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
    readonly violations: PolicyViolation[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Raised inside a transaction when another writer changed the row first; the caller retries. */
export class ConcurrentUpdateError extends Error {
  constructor() {
    super('the request was changed by someone else; retrying');
    this.name = 'ConcurrentUpdateError';
  }
}
