/**
 * A real local Kubernetes control plane (etcd + kube-apiserver built from the Go module proxy)
 * with the Karpenter CRDs installed, for integration tests and the demo.
 *
 * @packageDocumentation
 */

export { KARPENTER_VERSIONS, PINNED_VERSIONS } from './versions.ts';
export { KARPENTER_VERSION } from './karpenterCrds/karpenterVersion.ts';
export type { ControlPlaneVersions, KarpenterVersions } from './versions.ts';

export { startControlPlane } from './runtime/startControlPlane.ts';
export type {
  ControlPlane,
  StartControlPlaneOptions,
} from './runtime/startControlPlane.ts';
export {
  stopControlPlane,
  runningProcesses,
} from './runtime/stopControlPlane.ts';
export type { StopResult } from './runtime/stopControlPlane.ts';
export type {
  ControlPlaneConnection,
  StartTimings,
} from './runtime/ControlPlaneConnection.ts';
export { KUBECONFIG_CONTEXTS } from './runtime/ControlPlaneConnection.ts';
export { CONTROL_PLANE_USERS } from './runtime/controlPlaneUsers.ts';
export type {
  ControlPlaneTokens,
  ControlPlaneUser,
} from './runtime/controlPlaneUsers.ts';
export type { ControlPlanePids } from './runtime/LaunchPlan.ts';
export { processRssBytes } from './runtime/processMemory.ts';

export {
  ensureBinaries,
  binariesCached,
  binaryPaths,
  karpenterBinaryPaths,
  GoMissingError,
} from './goBuild/ensureBinaries.ts';
export type {
  ControlPlaneBinaries,
  EnsureBinariesOptions,
  KarpenterBinaries,
} from './goBuild/ensureBinaries.ts';
export { findGo } from './goBuild/findGo.ts';

export { resolveLayout } from './util/resolveLayout.ts';
export { freePort } from './util/freePort.ts';
export type { Layout, LayoutOptions } from './util/resolveLayout.ts';
export { printProgress } from './util/progress.ts';
export type { ProgressEvent, ProgressListener } from './util/progress.ts';

export { KubeClient } from './kube/KubeClient.ts';
export type { KubeCredentials, KubeRequestOptions } from './kube/KubeClient.ts';
export { KubeApiError } from './kube/KubeApiError.ts';
export type { KubeStatus } from './kube/KubeApiError.ts';
export type { KubeObject, ObjectReference } from './kube/resourcePath.ts';
export { resourcePath } from './kube/resourcePath.ts';
export {
  reconcilerIdentity,
  reconcilerRbacManifest,
  reconcilerRbacObjects,
} from './kube/reconcilerIdentity.ts';
export { SAMPLE_EC2_NODE_CLASS } from './kube/sampleEc2NodeClass.ts';
export { SAMPLE_KWOK_NODE_CLASS } from './kube/sampleKwokNodeClass.ts';

export {
  describeApiServer,
  testControlPlane,
} from './jest/describeApiServer.ts';
export type { ApiServerSuite } from './jest/describeApiServer.ts';
export { dryRunAll, refusalCauses } from './jest/dryRunAll.ts';
export type {
  DryRunAllOptions,
  DryRunObject,
  DryRunVerdict,
  RefusalCause,
} from './jest/dryRunAll.ts';
export { describeKarpenter } from './jest/describeKarpenter.ts';
export type { KarpenterSuite } from './jest/describeKarpenter.ts';
export { readBuildRecord } from './goBuild/buildRecord.ts';
export type { BuildRecord } from './goBuild/buildRecord.ts';
export { suiteNames, SUITE_LABEL } from './jest/suiteNames.ts';
export type { SuiteNames } from './jest/suiteNames.ts';
