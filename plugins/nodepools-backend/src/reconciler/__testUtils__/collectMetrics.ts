import type { MetricsService } from '@backstage/backend-plugin-api/alpha';
import {
  MeterProvider,
  MetricReader,
  type DataPoint,
} from '@opentelemetry/sdk-metrics';

/** A reader that only hands over what it collects when asked. */
class CollectOnDemand extends MetricReader {
  protected async onShutdown() {}
  protected async onForceFlush() {}
}

/**
 * A real OpenTelemetry meter (the SDK, not a mock) behind the MetricsService shape, and a way to
 * read what was recorded: data points by metric name, each with its attributes and value.
 */
export function testMetrics() {
  const reader = new CollectOnDemand();
  const provider = new MeterProvider({ readers: [reader] });
  const service = provider.getMeter('nodepools') as unknown as MetricsService;
  const collect = async () => {
    const { resourceMetrics } = await reader.collect();
    const points = new Map<string, Array<DataPoint<unknown>>>();
    for (const scope of resourceMetrics.scopeMetrics)
      for (const metric of scope.metrics)
        points.set(metric.descriptor.name, [
          ...(points.get(metric.descriptor.name) ?? []),
          ...(metric.dataPoints as Array<DataPoint<unknown>>),
        ]);
    return points;
  };
  return { service, collect, shutdown: () => provider.shutdown() };
}
