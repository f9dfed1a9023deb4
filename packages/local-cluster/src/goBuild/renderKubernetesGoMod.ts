/**
 * The go.mod of the throwaway module that builds kube-apiserver.
 *
 * `go install k8s.io/kubernetes/cmd/...@vX` fails: the published k8s.io/kubernetes go.mod requires
 * its staging modules (k8s.io/api, apimachinery, ...) at v0.0.0 and replaces them with local folders
 * that do not exist in the module zip. Requiring k8s.io/kubernetes from a module of our own and
 * replacing every staging module with its published v0.<minor>.<patch> twin makes it buildable.
 * The staging list is read from the tag's own go.mod, so it follows new or removed modules.
 */
export function renderKubernetesGoMod(
  upstreamGoMod: string,
  kubernetesVersion: string,
): string {
  const match = /^v1\.(\d+)\.(\d+)$/.exec(kubernetesVersion);
  if (!match) {
    throw new Error(
      `Expected a Kubernetes version like v1.34.12, got "${kubernetesVersion}"`,
    );
  }
  const stagingVersion = `v0.${match[1]}.${match[2]}`;
  const staging = stagingModules(upstreamGoMod);
  if (staging.length === 0) {
    throw new Error(
      'The k8s.io/kubernetes go.mod lists no ./staging replacements; the build recipe no longer applies',
    );
  }
  // Keep the tag's language version and godebug defaults: they change runtime behaviour.
  const goLine = /^go \S+$/m.exec(upstreamGoMod)?.[0] ?? 'go 1.24.0';
  const godebug = upstreamGoMod.match(/^godebug .+$/gm) ?? [];
  return [
    'module nodepools.local/kube-apiserver-build',
    '',
    goLine,
    ...godebug,
    '',
    `require k8s.io/kubernetes ${kubernetesVersion}`,
    '',
    'replace (',
    ...staging.map(m => `\t${m} => ${m} ${stagingVersion}`),
    ')',
    '',
  ].join('\n');
}

/** Modules that the upstream go.mod replaces with a folder under ./staging/. */
export function stagingModules(upstreamGoMod: string): string[] {
  const found = new Set<string>();
  // One directive per line, inside a `replace (` block or as `replace a => ./staging/...`.
  const pattern =
    /^[ \t]*(?:replace[ \t]+)?([^\s()]+)(?:[ \t]+\S+)?[ \t]+=>[ \t]+\.\/staging\//gm;
  for (const m of upstreamGoMod.matchAll(pattern)) found.add(m[1]);
  return [...found].sort();
}
