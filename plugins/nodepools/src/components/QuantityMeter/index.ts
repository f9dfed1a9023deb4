export { QuantityMeter } from './QuantityMeter';
export type { QuantityMeterProps } from './QuantityMeter';
