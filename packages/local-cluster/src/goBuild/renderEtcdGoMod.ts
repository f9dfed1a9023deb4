/**
 * The go.mod of the throwaway module that builds etcd. `go install go.etcd.io/etcd/server/v3@vX`
 * is refused (etcd#18501: the etcd modules carry replace directives), but requiring the server
 * module from a module of our own and building its main package works.
 */
export function renderEtcdGoMod(
  etcdVersion: string,
  goVersion: string,
): string {
  return [
    'module nodepools.local/etcd-build',
    '',
    `go ${goVersion}`,
    '',
    `require go.etcd.io/etcd/server/v3 ${etcdVersion}`,
    '',
  ].join('\n');
}
