import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { readNodePoolsConfig } from './readNodePoolsConfig';

const read = (pricing: JsonObject) =>
  readNodePoolsConfig(
    new ConfigReader({
      nodepools: { clusters: [{ name: 'prod-eu', pricing }] },
    }),
  ).clusters[0].pricing;

describe('readPricingConfig', () => {
  it('reads an AWS source with the 12 h default refresh', () => {
    expect(read({ source: 'aws', region: 'eu-west-1' })).toEqual({
      source: 'aws',
      region: 'eu-west-1',
      refreshHours: 12,
    });
  });

  it('turns a table into a price book, architecture and OS from the name unless given', () => {
    expect(
      read({
        source: 'table',
        asOf: '2026-12-01',
        instanceTypes: {
          'c-4x-arm64-linux': {
            vcpu: 4,
            memoryGiB: 8,
            onDemand: 0.14,
            spot: 0.05,
          },
          'm7g.large': { vcpu: 2, memoryGiB: 8, onDemand: 0.08 },
          'box-windows': {
            vcpu: 2,
            memoryGiB: 4,
            architecture: 'amd64',
            spot: 0.03,
          },
        },
      }),
    ).toEqual({
      source: 'table',
      book: {
        currency: 'USD',
        source: { kind: 'table', asOf: '2026-12-01', stale: false },
        instanceTypes: [
          {
            name: 'c-4x-arm64-linux',
            vcpu: 4,
            memoryGiB: 8,
            architecture: 'arm64',
            onDemandHourly: 0.14,
            spotHourly: { '*': 0.05 },
          },
          {
            name: 'm7g.large',
            vcpu: 2,
            memoryGiB: 8,
            architecture: 'arm64',
            onDemandHourly: 0.08,
          },
          {
            name: 'box-windows',
            vcpu: 2,
            memoryGiB: 4,
            architecture: 'amd64',
            operatingSystem: 'windows',
            spotHourly: { '*': 0.03 },
          },
        ],
      },
    });
  });

  it('names the key of a bad value', () => {
    expect(() => read({ source: 'aws' })).toThrow(
      'Invalid configuration at nodepools.clusters[0].pricing.region:',
    );
    expect(() => read({ source: 'gcp' })).toThrow(
      'Invalid configuration at nodepools.clusters[0].pricing.source:',
    );
    expect(() =>
      read({
        source: 'table',
        instanceTypes: { 'c-1x': { vcpu: 0, memoryGiB: 1 } },
      }),
    ).toThrow(
      'Invalid configuration at nodepools.clusters[0].pricing.instanceTypes.c-1x.vcpu:',
    );
  });
});
