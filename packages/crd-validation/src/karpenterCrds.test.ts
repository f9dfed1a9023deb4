import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeWithKarpenterCrds } from './jest/describeWithKarpenterCrds';
import { karpenterCrdPath } from './karpenterCrdFiles';
import { karpenterCrdValidator } from './karpenterCrds';
import { KARPENTER_VERSION } from './karpenterVersion';

describe('karpenterCrdPath', () => {
  it('knows the EC2NodeClass is in the AWS copy only', () => {
    expect(() =>
      karpenterCrdPath('ec2nodeclasses', { provider: 'core' }),
    ).toThrow(/aws provider/);
  });
});

describeWithKarpenterCrds('the pinned Karpenter CRDs', () => {
  it('are the files of the pinned release in the Go module cache, the AWS copies by default', () => {
    const crds = join('pkg', 'apis', 'crds');
    const aws = `karpenter-provider-aws@${KARPENTER_VERSION}`;
    const core = join('sigs.k8s.io', `karpenter@${KARPENTER_VERSION}`);
    const paths = [
      karpenterCrdPath('nodepools'),
      karpenterCrdPath('ec2nodeclasses'),
      karpenterCrdPath('nodeclaims', { provider: 'aws' }),
      karpenterCrdPath('nodeclaims', { provider: 'core' }),
    ];
    const endings = [
      join(aws, crds, 'karpenter.sh_nodepools.yaml'),
      join(aws, crds, 'karpenter.k8s.aws_ec2nodeclasses.yaml'),
      join(aws, crds, 'karpenter.sh_nodeclaims.yaml'),
      join(core, crds, 'karpenter.sh_nodeclaims.yaml'),
    ];
    expect(paths.map((path, i) => path.slice(-endings[i].length))).toEqual(
      endings,
    );
    for (const path of paths) expect(existsSync(path)).toBe(true);
  });

  it('compile once each and share the validator', () => {
    const first = karpenterCrdValidator('nodepools');
    expect(karpenterCrdValidator('nodepools')).toBe(first);
    expect(karpenterCrdValidator('nodepools', { provider: 'core' })).not.toBe(
      first,
    );
    expect(first.kind).toBe('NodePool');
    expect(first.group).toBe('karpenter.sh');
    expect(first.servedVersions).toEqual(['v1']);
  });
});
