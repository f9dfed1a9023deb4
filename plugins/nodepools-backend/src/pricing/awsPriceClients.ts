import { EC2Client } from '@aws-sdk/client-ec2';
import {
  PricingClient,
  type PricingClientConfig,
} from '@aws-sdk/client-pricing';
import type { Config } from '@backstage/config';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import type { AwsPriceClients } from './fetchAwsPrices';

/**
 * The Pricing API answers only from a few regions: us-east-1 lists every commercial region's
 * prices, the China partition has its own endpoint.
 */
export function pricingApiRegion(region: string): string {
  return region.startsWith('cn-') ? 'cn-northwest-1' : 'us-east-1';
}

/** SDK clients for a region's prices; `endpoints` points them elsewhere (tests, VPC endpoints). */
export function awsPriceClients(options: {
  region: string;
  credentials: PricingClientConfig['credentials'];
  endpoints?: { pricing?: string; ec2?: string };
  /** Attempts per call, throttling included (the SDK's standard retry with backoff); default 5. */
  maxAttempts?: number;
}): AwsPriceClients {
  const common = {
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? 5,
  };
  return {
    pricing: new PricingClient({
      ...common,
      region: pricingApiRegion(options.region),
      endpoint: options.endpoints?.pricing,
    }),
    ec2: new EC2Client({
      ...common,
      region: options.region,
      endpoint: options.endpoints?.ec2,
    }),
  };
}

/**
 * Clients with the backend's AWS credentials: the `aws` integration config (optionally one
 * account's) or the default provider chain, as the EKS auth of the reconciler gets them.
 */
export function awsPriceClientsFromConfig(
  rootConfig: Config,
): (region: string, accountId?: string) => Promise<AwsPriceClients> {
  const credentials = DefaultAwsCredentialsManager.fromConfig(rootConfig);
  return async (region, accountId) => {
    const provider = await credentials.getCredentialProvider(
      accountId ? { accountId } : undefined,
    );
    return awsPriceClients({
      region,
      credentials: provider.sdkCredentialProvider,
    });
  };
}
