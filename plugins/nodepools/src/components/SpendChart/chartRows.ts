import type { PoolSample } from '@nodepools/plugin-nodepools-common';

/** One point of the spend chart. */
export interface ChartRow {
  /** Milliseconds since the epoch: the x axis is time, so gaps in the samples show as gaps. */
  at: number;
  runRateHourly?: number;
  vcpu: number;
  vcpuLimit?: number;
}

/**
 * The samples as chart points. An hour without a sample (the reconciler did not pass, or the pool
 * did not exist) stays a gap rather than being drawn as zero: only what was recorded is shown.
 */
export function chartRows(samples: readonly PoolSample[]): ChartRow[] {
  return samples.map(s => ({
    at: Date.parse(s.hour),
    ...(s.runRateHourly !== undefined
      ? { runRateHourly: s.runRateHourly }
      : {}),
    vcpu: s.vcpu,
    ...(s.vcpuLimit !== undefined ? { vcpuLimit: s.vcpuLimit } : {}),
  }));
}
