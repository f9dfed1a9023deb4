import { ConfigReader } from '@backstage/config';
import { clusterPolicySchema } from '@nodepools/plugin-nodepools-common';
import type { ClusterConfig } from '@nodepools/plugin-nodepools-node';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { ClusterClient } from './ClusterClient';
import { clusterConnection } from './clusterConnection';

const policy = clusterPolicySchema.parse({});
const eks = (
  auth: ClusterConfig['auth'],
  url = 'https://eks.example',
): ClusterConfig => ({
  name: 'prod-eu',
  title: 'Production',
  url,
  policy,
  auth,
});

/** The presigned STS URL inside an EKS token (`k8s-aws-v1.` + base64url). */
const stsUrl = (token: string) => {
  expect(token).toMatch(/^k8s-aws-v1\.[A-Za-z0-9_-]+$/);
  return new URL(
    Buffer.from(token.slice('k8s-aws-v1.'.length), 'base64url').toString(),
  );
};

describe('clusterConnection', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // The default AWS provider chain reads these first: no network, no instance metadata.
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY =
      'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    process.env.AWS_REGION = 'eu-west-1';
  });
  afterEach(() => {
    process.env = { ...saved };
  });

  it('uses a service account token as it is', () => {
    const connection = clusterConnection(
      eks({ type: 'serviceAccount', token: 'sa-token' }),
      new ConfigReader({}),
    );
    expect(connection).toEqual({
      server: 'https://eks.example',
      caData: undefined,
      token: 'sa-token',
    });
  });

  it('signs an STS GetCallerIdentity URL for the EKS cluster with the backend credentials', async () => {
    const connection = clusterConnection(
      eks({ type: 'aws', clusterId: 'prod-eu-eks' }),
      new ConfigReader({}),
    );
    const url = stsUrl(await connection.tokenSource!());
    expect(url.hostname).toBe('sts.eu-west-1.amazonaws.com');
    expect(url.searchParams.get('Action')).toBe('GetCallerIdentity');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/sts\/aws4_request$/,
    );
    // EKS checks that the cluster name was signed into the request.
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain(
      'x-k8s-aws-id',
    );
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps a token for ten minutes, then signs a new one', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const connection = clusterConnection(
      eks({ type: 'aws' }),
      new ConfigReader({}),
      () => now,
    );
    const first = await connection.tokenSource!();
    now += 9 * 60_000;
    expect(await connection.tokenSource!()).toBe(first);
    now += 2 * 60_000;
    // A new signature: AWS signs with the current time, which has moved on.
    await new Promise(resolve => setTimeout(resolve, 1100));
    expect(await connection.tokenSource!()).not.toBe(first);
  });

  it('sends the signed token as the bearer token of every call', async () => {
    const seen: Array<string | undefined> = [];
    // EKS itself is out of reach here: a TLS endpoint on loopback records what the client sends.
    const tls = generate([{ name: 'commonName', value: '127.0.0.1' }], {
      days: 1,
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] },
      ],
    });
    const server = https.createServer(
      { key: tls.private, cert: tls.cert },
      (req, res) => {
        seen.push(req.headers.authorization);
        res.setHeader('content-type', 'application/json');
        // client-node asks discovery what a kind is called before it lists it.
        const body =
          req.url === '/api/v1'
            ? {
                kind: 'APIResourceList',
                groupVersion: 'v1',
                resources: [
                  {
                    name: 'namespaces',
                    namespaced: false,
                    kind: 'Namespace',
                    verbs: ['list'],
                  },
                ],
              }
            : { kind: 'NamespaceList', apiVersion: 'v1', items: [] };
        res.end(JSON.stringify(body));
      },
    );
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const cluster = {
        ...eks({ type: 'aws' }, `https://127.0.0.1:${port}`),
        caData: Buffer.from(tls.cert).toString('base64'),
      };
      const client = new ClusterClient(
        cluster.name,
        clusterConnection(cluster, new ConfigReader({})),
      );
      expect(await client.list('v1', 'Namespace')).toEqual([]);
      expect(seen).toHaveLength(2);
      for (const header of seen) {
        expect(header).toMatch(/^Bearer k8s-aws-v1\./);
        expect(stsUrl(header!.slice('Bearer '.length)).hostname).toBe(
          'sts.eu-west-1.amazonaws.com',
        );
      }
    } finally {
      server.close();
    }
  });

  it('turns a failure to get credentials into an error naming the cluster', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent';
    process.env.AWS_CONFIG_FILE = '/nonexistent';
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const cluster = eks({ type: 'aws' }, 'http://127.0.0.1:1');
    const client = new ClusterClient(
      cluster.name,
      clusterConnection(cluster, new ConfigReader({})),
    );
    await expect(client.list('v1', 'Namespace')).rejects.toThrow(
      /prod-eu.*could not get a token/,
    );
  });
});
