/**
 * The NodePool (Step 4) and EC2NodeClass (Step 5) of the Karpenter v1 production guide, rebuilt
 * as objects (the text lost its YAML indentation; nesting follows the Karpenter v1 API).
 */

/** Step 4: "Define your first NodePool". */
export function guideNodePool() {
  return {
    apiVersion: 'karpenter.sh/v1',
    kind: 'NodePool',
    metadata: { name: 'default' },
    spec: {
      template: {
        spec: {
          requirements: [
            {
              key: 'kubernetes.io/arch',
              operator: 'In',
              values: ['amd64', 'arm64'],
            },
            { key: 'kubernetes.io/os', operator: 'In', values: ['linux'] },
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['spot', 'on-demand'],
            },
            {
              key: 'karpenter.k8s.aws/instance-category',
              operator: 'In',
              values: ['m', 'c', 'r'],
            },
            {
              key: 'karpenter.k8s.aws/instance-generation',
              operator: 'Gt',
              values: ['5'],
            },
            {
              key: 'karpenter.k8s.aws/instance-size',
              operator: 'NotIn',
              values: ['nano', 'micro', 'small', 'metal'],
            },
          ],
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: 'default',
          },
          expireAfter: '720h',
        },
      },
      disruption: {
        consolidationPolicy: 'WhenEmptyOrUnderutilized',
        consolidateAfter: '30s',
      },
      limits: { cpu: 1000, memory: '1000Gi' },
      weight: 10,
    },
  };
}

/** Step 5: "Define an EC2NodeClass". */
export function guideEc2NodeClass() {
  return {
    apiVersion: 'karpenter.k8s.aws/v1',
    kind: 'EC2NodeClass',
    metadata: { name: 'default' },
    spec: {
      amiFamily: 'AL2023',
      amiSelectorTerms: [{ alias: 'al2023@v20260415' }],
      role: 'KarpenterNodeRole-prod-eks',
      subnetSelectorTerms: [{ tags: { 'karpenter.sh/discovery': 'prod-eks' } }],
      securityGroupSelectorTerms: [
        { tags: { 'karpenter.sh/discovery': 'prod-eks' } },
      ],
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: {
            volumeSize: '100Gi',
            volumeType: 'gp3',
            iops: 3000,
            throughput: 125,
            encrypted: true,
            deleteOnTermination: true,
          },
        },
      ],
      metadataOptions: {
        httpEndpoint: 'enabled',
        httpPutResponseHopLimit: 1,
        httpTokens: 'required',
      },
      detailedMonitoring: false,
      tags: { Cluster: 'prod-eks', ManagedBy: 'Karpenter' },
    },
  };
}
