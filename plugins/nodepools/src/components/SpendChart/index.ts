export { SpendChart, type SpendChartProps } from './SpendChart';
export {
  describeRunRate,
  runRateFigures,
  sumRunRates,
} from './describeRunRate';
