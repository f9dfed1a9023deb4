import { CrdValidator } from './CrdValidator';
import { karpenterCrdPath } from './karpenterCrdFiles';
import type {
  KarpenterCrdName,
  KarpenterCrdOptions,
} from './karpenterCrdFiles';

const validators = new Map<string, CrdValidator>();

/** A validator for a Karpenter CRD, compiled on first use and shared afterwards. */
export function karpenterCrdValidator(
  name: KarpenterCrdName,
  options: KarpenterCrdOptions = {},
): CrdValidator {
  const path = karpenterCrdPath(name, options);
  let validator = validators.get(path);
  if (!validator) {
    validator = CrdValidator.fromFile(path);
    validators.set(path, validator);
  }
  return validator;
}
