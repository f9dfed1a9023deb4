import {
  reportsEtcdVersion,
  reportsKubernetesVersion,
} from './readBinaryVersion.ts';

describe('version checks of cached binaries', () => {
  it('matches the exact kube-apiserver tag only', () => {
    expect(reportsKubernetesVersion('Kubernetes v1.34.12\n', 'v1.34.12')).toBe(
      true,
    );
    expect(reportsKubernetesVersion('Kubernetes v1.34.1\n', 'v1.34.12')).toBe(
      false,
    );
    // A build without version ldflags reports this and must be rebuilt.
    expect(
      reportsKubernetesVersion(
        'Kubernetes v0.0.0-master+$Format:%H$\n',
        'v1.34.12',
      ),
    ).toBe(false);
    expect(reportsKubernetesVersion(undefined, 'v1.34.12')).toBe(false);
  });

  it('matches the etcd version line', () => {
    const output =
      'etcd Version: 3.6.16\nGit SHA: v3.6.16\nGo Version: go1.26.8\n';
    expect(reportsEtcdVersion(output, 'v3.6.16')).toBe(true);
    expect(reportsEtcdVersion(output, 'v3.6.1')).toBe(false);
  });
});
