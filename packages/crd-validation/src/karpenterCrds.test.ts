import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  findRepoRoot,
  karpenterCrdPath,
  karpenterCrdValidator,
  sharedDir,
} from './karpenterCrds';

describe('karpenterCrds', () => {
  const savedEnv = process.env.NODEPOOLS_SHARED_DIR;
  afterEach(() => {
    if (savedEnv === undefined) delete process.env.NODEPOOLS_SHARED_DIR;
    else process.env.NODEPOOLS_SHARED_DIR = savedEnv;
  });

  it('finds the monorepo root by its workspaces declaration', () => {
    const root = findRepoRoot();
    const manifest = JSON.parse(
      readFileSync(join(root, 'package.json'), 'utf8'),
    );
    expect(manifest.workspaces).toBeDefined();
    expect(() => findRepoRoot(mkdtempSync(join(tmpdir(), 'no-repo-')))).toThrow(
      /workspaces/,
    );
  });

  it('locates the shared folder beside the repository', () => {
    delete process.env.NODEPOOLS_SHARED_DIR;
    expect(sharedDir()).toBe(join(findRepoRoot(), '..', 'shared'));
  });

  it('points at the real CRD files, the AWS copies by default', () => {
    const nodepools = karpenterCrdPath('nodepools');
    expect(nodepools).toMatch(
      /aws-karpenter-provider-aws-v1\.14\.1[/\\]karpenter\.sh_nodepools\.yaml$/,
    );
    expect(existsSync(nodepools)).toBe(true);
    expect(existsSync(karpenterCrdPath('ec2nodeclasses'))).toBe(true);
    expect(
      existsSync(karpenterCrdPath('nodeclaims', { provider: 'core' })),
    ).toBe(true);
    expect(karpenterCrdPath('nodeclaims', { provider: 'core' })).toMatch(
      /kubernetes-sigs-karpenter-v1\.14\.1/,
    );
    expect(() =>
      karpenterCrdPath('ec2nodeclasses', { provider: 'core' }),
    ).toThrow(/aws provider/);
  });

  it('honours NODEPOOLS_SHARED_DIR', () => {
    process.env.NODEPOOLS_SHARED_DIR = '/elsewhere/shared';
    expect(karpenterCrdPath('nodepools', { provider: 'core' })).toBe(
      '/elsewhere/shared/karpenter-crds/kubernetes-sigs-karpenter-v1.14.1/karpenter.sh_nodepools.yaml',
    );
  });

  it('compiles each CRD once and shares the validator', () => {
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
