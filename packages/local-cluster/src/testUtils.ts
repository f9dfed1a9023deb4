/**
 * Test fixtures for other packages' tests (`@nodepools/local-cluster/testUtils`): the production
 * guide's example objects and generators of NodePools the pinned Karpenter CRD accepts.
 *
 * @packageDocumentation
 */

export {
  guideEc2NodeClass,
  guideNodePool,
} from './testFixtures/productionGuideExamples.ts';
