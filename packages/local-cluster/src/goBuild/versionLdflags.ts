/**
 * Linker flags that stamp the version into the binaries. Without them kube-apiserver reports
 * v0.0.0-master on /version, and tools that pick flags by server version choose wrong ones.
 * `-s -w` drops symbol tables (the binaries are ~30% smaller, and we never debug them).
 */
export function kubernetesLdflags(version: string, buildDate: string): string {
  const match = /^v1\.(\d+)\.\d+$/.exec(version);
  if (!match) throw new Error(`Not a Kubernetes version: ${version}`);
  const flags = ['-s', '-w'];
  for (const pkg of [
    'k8s.io/component-base/version',
    'k8s.io/client-go/pkg/version',
  ]) {
    flags.push(
      `-X ${pkg}.gitVersion=${version}`,
      `-X ${pkg}.gitMajor=1`,
      `-X ${pkg}.gitMinor=${match[1]}`,
      `-X ${pkg}.gitTreeState=clean`,
      `-X ${pkg}.buildDate=${buildDate}`,
    );
  }
  return flags.join(' ');
}

/** etcd's version string is compiled in; only the git SHA is left for the linker to fill. */
export function etcdLdflags(version: string): string {
  return `-s -w -X go.etcd.io/etcd/api/v3/version.GitSHA=${version}`;
}
