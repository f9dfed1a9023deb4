import { karpenterCrdValidator } from './karpenterCrds';
import { guideEc2NodeClass } from './productionGuideExamples';
import { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';

/** Tests against the real EC2NodeClass and NodeClaim CRDs of the pinned Karpenter release. */
describeWithKarpenterCrds('the EC2NodeClass and NodeClaim CRDs', () => {
  const ec2 = karpenterCrdValidator('ec2nodeclasses');

  /** The guide object, loosened so tests can reshape its spec freely. */
  type NodeClass = { spec: Record<string, unknown> };

  function withChange(change: (nc: NodeClass) => void): NodeClass {
    const nc: NodeClass = guideEc2NodeClass();
    change(nc);
    return nc;
  }

  const messagesAt = (nc: unknown) =>
    ec2.validate(nc).errors.map(e => `${e.path}: ${e.message}`);

  describe('the production guide EC2NodeClass (Step 5)', () => {
    it('is valid', () => {
      expect(ec2.validate(guideEc2NodeClass()).errors).toEqual([]);
    });

    it('gets the metadataOptions defaults it left out', () => {
      expect(
        ec2.validate(guideEc2NodeClass()).object.spec.metadataOptions,
      ).toEqual({
        httpEndpoint: 'enabled',
        httpProtocolIPv6: 'disabled',
        httpPutResponseHopLimit: 1,
        httpTokens: 'required',
      });
    });
  });

  describe('EC2NodeClasses the apiserver rejects, with the CRD message', () => {
    it('an alias family Karpenter does not know', () => {
      const nc = withChange(n => {
        n.spec.amiSelectorTerms = [{ alias: 'ubuntu@latest' }];
        delete n.spec.amiFamily;
      });
      expect(messagesAt(nc)).toEqual([
        "spec.amiSelectorTerms[0].alias: family is not supported, must be one of the following: 'al2', 'al2023', 'bottlerocket', 'windows2019', 'windows2022', 'windows2025'",
      ]);
    });

    it('an amiFamily that contradicts the alias', () => {
      const nc = withChange(n => {
        n.spec.amiFamily = 'Bottlerocket';
      });
      expect(messagesAt(nc)).toEqual([
        "spec: if set, amiFamily must be 'AL2023' or 'Custom' when using an AL2023 alias",
      ]);
    });

    it('a windows alias pinned to a version', () => {
      const nc = withChange(n => {
        n.spec.amiSelectorTerms = [{ alias: 'windows2022@v1' }];
        delete n.spec.amiFamily;
      });
      expect(messagesAt(nc)).toEqual([
        "spec.amiSelectorTerms[0].alias: windows families may only specify version 'latest'",
      ]);
    });

    it('both role and instanceProfile', () => {
      const nc = withChange(n => {
        n.spec.instanceProfile = 'KarpenterNodeInstanceProfile';
      });
      expect(messagesAt(nc)).toEqual([
        "spec: must specify exactly one of ['role', 'instanceProfile']",
      ]);
    });

    it('a restricted tag and an empty selector term', () => {
      const nc = withChange(n => {
        n.spec.tags = { 'kubernetes.io/cluster/prod': 'owned' };
        n.spec.subnetSelectorTerms = [{}];
      });
      expect(messagesAt(nc)).toEqual([
        "spec.subnetSelectorTerms: expected at least one, got none, ['tags', 'id']",
        'spec.tags: tag contains a restricted tag matching kubernetes.io/cluster/',
      ]);
    });

    it('a volume size outside the pattern, and two root volumes', () => {
      const nc = withChange(n => {
        n.spec.blockDeviceMappings = [
          {
            deviceName: '/dev/xvda',
            rootVolume: true,
            ebs: { volumeSize: '100Gi' },
          },
          { deviceName: '/dev/xvdb', ebs: { volumeSize: '70000Gi' } },
        ];
      });
      expect(messagesAt(nc)).toEqual([
        expect.stringMatching(
          /^spec\.blockDeviceMappings\[1\]\.ebs\.volumeSize: Invalid value: "70000Gi": .* should match/,
        ),
      ]);
      const twoRoots = withChange(n => {
        n.spec.blockDeviceMappings = [
          {
            deviceName: '/dev/xvda',
            rootVolume: true,
            ebs: { volumeSize: '100Gi' },
          },
          {
            deviceName: '/dev/xvdb',
            rootVolume: true,
            ebs: { volumeSize: '20Gi' },
          },
        ];
      });
      expect(messagesAt(twoRoots)).toEqual([
        'spec.blockDeviceMappings: must have only one blockDeviceMappings with rootVolume',
      ]);
    });

    it('kubelet eviction settings that do not pair up', () => {
      const nc = withChange(n => {
        n.spec.kubelet = {
          evictionSoft: { 'memory.available': '5%' },
          kubeReserved: { cpu: '-1' },
        };
      });
      expect(messagesAt(nc)).toEqual([
        'spec.kubelet.kubeReserved: kubeReserved value cannot be a negative resource quantity',
        'spec.kubelet: evictionSoft OwnerKey does not have a matching evictionSoftGracePeriod',
      ]);
    });
  });

  describe('NodeClaim', () => {
    const nodeClaims = karpenterCrdValidator('nodeclaims');
    const claim = (name: string) => ({
      apiVersion: 'karpenter.sh/v1',
      kind: 'NodeClaim',
      metadata: { name: 'default-abcde' },
      spec: {
        nodeClassRef: {
          group: 'karpenter.k8s.aws',
          kind: 'EC2NodeClass',
          name,
        },
        requirements: [
          { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
        ],
      },
    });

    it('is valid on create and its spec is immutable on update', () => {
      expect(nodeClaims.validate(claim('default')).errors).toEqual([]);
      expect(
        nodeClaims.validate(claim('default'), { oldObject: claim('default') })
          .valid,
      ).toBe(true);
      expect(
        nodeClaims
          .validate(claim('other'), { oldObject: claim('default') })
          .errors.map(e => e.message),
      ).toEqual(['spec is immutable']);
    });
  });
});
