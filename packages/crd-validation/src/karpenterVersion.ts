/**
 * The Karpenter release this repository targets, pinned in this one place: its CRDs are what
 * tests validate against and what the local control plane installs, and local-cluster builds
 * Karpenter's kwok provider at this version too. Bump it here and nowhere else.
 */
export const KARPENTER_VERSION = 'v1.14.1';
