/**
 * Validates Kubernetes objects against a CustomResourceDefinition the way kube-apiserver does:
 * pruning, defaulting, OpenAPI v3 structural schema checks and `x-kubernetes-validations` CEL rules.
 *
 * @packageDocumentation
 */

export { CrdValidator, CEL_SKIPPED_MESSAGE } from './CrdValidator';
export type { CrdValidateOptions, UnknownFieldPolicy } from './CrdValidator';
export { formatValidationError } from './validationError';
export type {
  CrdValidationError,
  CrdValidationResult,
  FieldErrorReason,
} from './validationError';
export type {
  CustomResourceDefinition,
  CustomResourceDefinitionVersion,
  JSONSchemaProps,
  ValidationRule,
} from './crdTypes';
export { KARPENTER_VERSION } from './karpenterVersion';
export { karpenterCrdValidator } from './karpenterCrds';
export { karpenterCrdPath } from './karpenterCrdFiles';
export type {
  KarpenterCrdName,
  KarpenterCrdOptions,
} from './karpenterCrdFiles';
export {
  KARPENTER_MODULES,
  KarpenterModuleUnavailableError,
  karpenterCrdsUnavailable,
  karpenterModuleDir,
  locateKarpenterModule,
} from './karpenterModule';
export type {
  KarpenterCrdProvider,
  KarpenterModuleOptions,
} from './karpenterModule';
export { findGo } from './findGo';
export { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';
export {
  createKubernetesCelEnvironment,
  registerKubernetesCelLibrary,
} from './kubernetesCelLibrary';
export type { KubernetesCelEnvironmentOptions } from './kubernetesCelLibrary';
export { jsonToCelValue } from './celValue';
export { KubernetesQuantity, QuantityFormatError } from './kubernetesQuantity';
export { re2ToRegExp, UnsupportedPatternError } from './re2RegExp';
export { RuleCompileError } from './celProgram';
export { guideNodePool, guideEc2NodeClass } from './productionGuideExamples';
