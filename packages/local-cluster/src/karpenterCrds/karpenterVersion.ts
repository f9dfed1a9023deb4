/**
 * The Karpenter release this repository targets, pinned in this one place: its CRDs are what the
 * local control plane installs (so what every API-server suite validates against), and Karpenter
 * mode builds Karpenter's kwok provider at this version too. Bump it here and nowhere else.
 */
export const KARPENTER_VERSION = 'v1.14.1';
