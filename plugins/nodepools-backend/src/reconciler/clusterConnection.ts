import type { Config } from '@backstage/config';
import { AwsIamStrategy } from '@backstage/plugin-kubernetes-backend';
import {
  ANNOTATION_KUBERNETES_AWS_ACCOUNT_ID,
  ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE,
  ANNOTATION_KUBERNETES_AWS_CLUSTER_ID,
  ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID,
} from '@backstage/plugin-kubernetes-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import type { ClusterConnection } from './ClusterClient';

/** EKS tokens are valid for 15 minutes; a fresh one after 10 leaves room for a slow pass. */
const AWS_TOKEN_TTL_MS = 10 * 60_000;

/**
 * How to reach a configured cluster. A service-account token is used as is; `aws` auth signs an
 * STS GetCallerIdentity URL with the backend's AWS credentials (the `aws` integration config or
 * the default provider chain), the way `@backstage/plugin-kubernetes-backend` does for its own
 * clusters: we reuse its strategy rather than signing ourselves.
 */
export function clusterConnection(
  cluster: ClusterConfig,
  rootConfig: Config,
  now: () => number = Date.now,
): ClusterConnection {
  if (!cluster.url)
    throw new Error(`cluster ${cluster.name} has no url configured`);
  const base = { server: cluster.url, caData: cluster.caData };
  const auth = cluster.auth;
  if (auth?.type !== 'aws') return { ...base, token: auth?.token };

  const strategy = new AwsIamStrategy({ config: rootConfig });
  const details = {
    name: cluster.name,
    url: cluster.url,
    authMetadata: {
      authProvider: 'aws',
      [ANNOTATION_KUBERNETES_AWS_CLUSTER_ID]: auth.clusterId ?? cluster.name,
      ...(auth.assumeRole
        ? { [ANNOTATION_KUBERNETES_AWS_ASSUME_ROLE]: auth.assumeRole }
        : {}),
      ...(auth.externalId
        ? { [ANNOTATION_KUBERNETES_AWS_EXTERNAL_ID]: auth.externalId }
        : {}),
      ...(auth.accountId
        ? { [ANNOTATION_KUBERNETES_AWS_ACCOUNT_ID]: auth.accountId }
        : {}),
    },
  };
  let cached: { token: string; until: number } | undefined;
  return {
    ...base,
    tokenSource: async () => {
      if (cached && cached.until > now()) return cached.token;
      const credential = await strategy.getCredential(details);
      if (credential.type !== 'bearer token')
        throw new Error(`AWS IAM gave no bearer token for ${cluster.name}`);
      cached = { token: credential.token, until: now() + AWS_TOKEN_TTL_MS };
      return credential.token;
    },
  };
}
