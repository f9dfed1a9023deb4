import { useApi } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import {
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { nodePoolsApiRef } from '../../api/NodePoolsApi';
import { useLiveAsync } from '../../lib/useLiveAsync';
import { LoadErrorAlert } from '../LoadErrorAlert';
import { chartRows } from './chartRows';

/** Props of {@link SpendChart}. */
export interface SpendChartProps {
  /** The pool's id in the backend. */
  id: string;
  /** How many days back; 30 unless told. */
  days?: number;
  /** The chart's size in pixels; fixed, so it renders the same in every layout and in tests. */
  width?: number;
  height?: number;
}

const day = (at: number) => new Date(at).toISOString().slice(5, 10);

/**
 * The pool's last days as the reconciler sampled them each hour: run-rate at list prices (left
 * axis) and provisioned vCPU against its limit (right axis). Loaded again on the pool's changes.
 */
export function SpendChart({
  id,
  days = 30,
  width = 720,
  height = 260,
}: SpendChartProps) {
  const api = useApi(nodePoolsApiRef);
  const samples = useLiveAsync(
    () => api.getPoolSamples(id, days),
    [api, id, days],
    change => change.poolIds.includes(id),
  );
  if (samples.error && !samples.value) {
    // No such pool (or not readable): the pool's own view says so; one alert is enough.
    if (
      (samples.error as { response?: { status?: number } }).response?.status ===
      404
    )
      return (
        <Text color="secondary">No samples: the pool could not be loaded.</Text>
      );
    return (
      <LoadErrorAlert
        subject="the pool's spend samples"
        error={samples.error}
        onRetry={samples.retry}
        retrying={samples.loading}
      />
    );
  }
  if (!samples.value) return <Text role="status">Loading the samples…</Text>;
  const { items, summary } = samples.value;
  if (items.length === 0)
    return (
      <Text color="secondary">
        No samples yet: the reconciler records one an hour once the pool runs in
        its cluster.
      </Text>
    );
  const currency = items.find(s => s.currency)?.currency;
  const rows = chartRows(items);
  return (
    <Flex direction="column" gap="2">
      <Text color="secondary">{`${summary}. Last ${days} days, ${items.length} hourly sample(s).`}</Text>
      <figure
        aria-label={`Run-rate and provisioned vCPU, last ${days} days`}
        style={{ margin: 0 }}
      >
        <ComposedChart width={width} height={height} data={rows}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={day}
          />
          <YAxis
            yAxisId="money"
            label={{
              value: `${currency ?? ''} per hour`,
              angle: -90,
              position: 'insideLeft',
            }}
          />
          <YAxis yAxisId="vcpu" orientation="right" allowDecimals={false} />
          <Tooltip labelFormatter={at => new Date(Number(at)).toISOString()} />
          <Legend />
          {currency && (
            <Line
              yAxisId="money"
              dataKey="runRateHourly"
              name={`Run-rate (${currency}/h, list prices)`}
              stroke="#1f77b4"
              dot={false}
              isAnimationActive={false}
            />
          )}
          <Line
            yAxisId="vcpu"
            dataKey="vcpu"
            name="Provisioned vCPU"
            stroke="#2ca02c"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="vcpu"
            dataKey="vcpuLimit"
            name="vCPU limit"
            type="stepAfter"
            stroke="#d62728"
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
        </ComposedChart>
      </figure>
    </Flex>
  );
}
