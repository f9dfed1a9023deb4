/**
 * End-to-end suite of real Karpenter (kwok provider) on the local control plane, driven by the
 * nodepools backend. The package holds the suite and its helpers; nothing is published.
 *
 * @packageDocumentation
 */
export { kwokClusterPolicy } from './kwokClusterPolicy';
