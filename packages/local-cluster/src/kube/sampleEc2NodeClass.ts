import { guideEc2NodeClass } from '../testFixtures/productionGuideExamples.ts';
import type { KubeObject } from './resourcePath.ts';

/**
 * The EC2NodeClass `default` of Step 5 of the production guide (one copy, in
 * testFixtures/productionGuideExamples.ts), so sample NodePools have a node class to reference. No controller runs here,
 * so it never becomes Ready; only the schema and CEL rules apply.
 */
export const SAMPLE_EC2_NODE_CLASS: KubeObject = guideEc2NodeClass();
