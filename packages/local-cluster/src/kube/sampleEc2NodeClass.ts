// The data-only module, not the package index: `yarn cluster:start` runs this code with Node's own
// type stripping, which cannot follow the index's extensionless imports. A test starts the
// control plane that way (controlPlaneLifecycle.apiserver.test.ts), so a change there shows up.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { guideEc2NodeClass } from '@nodepools/crd-validation/src/productionGuideExamples.ts';
import type { KubeObject } from './resourcePath.ts';

/**
 * The EC2NodeClass `default` of Step 5 of the production guide (one copy, kept by
 * crd-validation), so sample NodePools have a node class to reference. No controller runs here,
 * so it never becomes Ready; only the schema and CEL rules apply.
 */
export const SAMPLE_EC2_NODE_CLASS: KubeObject = guideEc2NodeClass();
