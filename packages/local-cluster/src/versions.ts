import { KARPENTER_VERSION } from './karpenterCrds/karpenterVersion.ts';

/**
 * Pinned versions of the control plane binaries.
 *
 * kubernetes: newest v1.34 patch the Go module proxy served when pinned (the proxy's version list
 * was incomplete, so each patch was queried directly; v1.34.13 was not available).
 * etcd: newest 3.6 patch; 1.34 itself is tested against etcd 3.6 (its go.mod requires the 3.6 client).
 */
export const PINNED_VERSIONS = {
  kubernetes: 'v1.34.12',
  etcd: 'v3.6.16',
} as const;

/** The versions of the two binaries a control plane is built from. */
export interface ControlPlaneVersions {
  kubernetes: string;
  etcd: string;
}

/**
 * Pinned versions of what Karpenter mode adds (kube-scheduler and kube-controller-manager follow
 * `kubernetes` above).
 *
 * karpenter: the release whose CRDs the product targets, pinned once in
 * `karpenterCrds/karpenterVersion.ts` (`KARPENTER_VERSION`), so the Karpenter that runs reads the schema the portal renders for and
 * the tests validate against.
 * kwok: v0.7.0, a release that builds with plain `go build` from its module (no replace directives).
 */
export const KARPENTER_VERSIONS = {
  karpenter: KARPENTER_VERSION,
  kwok: 'v0.7.0',
} as const;

/** The versions of Karpenter's kwok provider and of kwok itself. */
export interface KarpenterVersions {
  karpenter: string;
  kwok: string;
}
