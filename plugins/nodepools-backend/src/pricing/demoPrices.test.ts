import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigReader } from '@backstage/config';
import { readNodePoolsConfig } from '@nodepools/plugin-nodepools-node';
import { parse } from 'yaml';

// Karpenter's kwok provider (v1.14.1, kwok/tools/gen_instance_types.go) offers these Linux
// types: family by GiB per vCPU (c 2, s 4, m 8), both architectures.
const KWOK_CPUS = [1, 2, 4, 8, 16, 32, 48, 64, 96, 128, 192, 256];
const KWOK_FAMILIES = { c: 2, s: 4, m: 8 };

describe("the demo's price table", () => {
  it('prices every Linux instance type the kwok provider offers, with its shape', () => {
    const demo = parse(
      readFileSync(resolve(__dirname, '../../../../app-config.yaml'), 'utf8'),
    );
    const local = readNodePoolsConfig(new ConfigReader(demo)).clusters.find(
      c => c.name === 'local',
    )!;
    if (local.pricing?.source !== 'table') throw new Error('no price table');
    const types = new Map(
      local.pricing.book.instanceTypes.map(t => [t.name, t]),
    );
    for (const [family, gibPerCpu] of Object.entries(KWOK_FAMILIES))
      for (const arch of ['amd64', 'arm64'])
        for (const cpu of KWOK_CPUS) {
          const name = `${family}-${cpu}x-${arch}-linux`;
          expect(types.get(name)).toMatchObject({
            vcpu: cpu,
            memoryGiB: cpu * gibPerCpu,
            architecture: arch,
            onDemandHourly: expect.any(Number),
            spotHourly: { '*': expect.any(Number) },
          });
          // Spot below on-demand, as on any real price list.
          const t = types.get(name)!;
          expect(t.spotHourly!['*']).toBeLessThan(t.onDemandHourly!);
        }
    expect(types.size).toBe(72);
  });
});
