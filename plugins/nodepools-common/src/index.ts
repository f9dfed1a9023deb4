/**
 * Pure core of the Karpenter NodePools suite: shared by the backend, the scaffolder module and the
 * frontend so that a form, an action and the API give the same answer. No I/O lives here.
 *
 * @packageDocumentation
 */
export * from './quantity/Quantity';
export * from './model/names';
export * from './model/duration';
export * from './model/fieldErrors';
export * from './model/PoolSpec';
export * from './model/PoolRequest';
export * from './policy/ClusterPolicy';
export * from './policy/teamBudget';
export * from './policy/budgetOutlook';
export * from './policy/evaluatePolicy';
export * from './policy/nodeClassCapabilities';
export * from './lifetime/lifetime';
export * from './lifetime/lifetimePolicy';
export * from './render/manifestTypes';
export * from './render/renderNodePool';
export * from './render/renderTenancy';
export * from './diff/diffNodePools';
export * from './cost/estimateCost';
export * from './cost/dollarBudget';
export * from './preview/previewRequest';
export * from './preview/observations';
export * from './preview/nodeClassWarnings';
export * from './permissions';
export * from './api/records';
export * from './api/signals';
export * from './api/serverVerdicts';
export * from './api/deliveryTarget';
export * from './api/previewResult';
export * from './api/clusters';
export * from './api/health';
export * from './api/samples';
export * from './status/limitsReached';
export * from './cost/priceBook';
export * from './cost/matchRequirements';
export * from './cost/priceCeiling';
export * from './cost/ceilingFromPrices';
export * from './cost/poolCeiling';
export * from './cost/runRate';
