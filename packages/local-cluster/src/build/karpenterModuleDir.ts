import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findGo } from './findGo.ts';
import { goModuleInfo } from './goModuleInfo.ts';

/**
 * The extracted `sigs.k8s.io/karpenter` module in the Go module cache: its CRDs (provider-neutral
 * karpenter.sh ones and the KWOKNodeClass) are installed from there, never copied into the repo.
 * With Go on PATH it asks `go mod download` (which fetches it if the cache lost it); without Go
 * (cached binaries only) it looks in `$GOMODCACHE`, then `$GOPATH/pkg/mod`, then `~/go/pkg/mod`.
 */
export async function karpenterModuleDir(
  version: string,
  cacheDir: string,
): Promise<string> {
  const go = findGo();
  if (go) {
    const scratch = path.join(cacheDir, 'karpenter-kwok', version);
    fs.mkdirSync(scratch, { recursive: true });
    const info = await goModuleInfo(
      go,
      `sigs.k8s.io/karpenter@${version}`,
      // Outside any module, so no go.mod there can pin another version.
      scratch,
      process.env,
    );
    if (info.dir) return info.dir;
  }
  const roots = [
    process.env.GOMODCACHE,
    process.env.GOPATH && path.join(process.env.GOPATH, 'pkg', 'mod'),
    path.join(os.homedir(), 'go', 'pkg', 'mod'),
  ].filter((r): r is string => Boolean(r));
  for (const root of roots) {
    const dir = path.join(root, 'sigs.k8s.io', `karpenter@${version}`);
    if (fs.existsSync(path.join(dir, 'kwok'))) return dir;
  }
  throw new Error(
    `sigs.k8s.io/karpenter@${version} is not in the Go module cache (looked in ${roots.join(
      ', ',
    )}) and go is not on PATH to download it: its CRDs are installed from there`,
  );
}

/** The folders of that module whose CRDs Karpenter mode installs. */
export function karpenterCrdDirs(moduleDir: string): string[] {
  return [
    path.join(moduleDir, 'kwok', 'charts', 'crds'),
    path.join(moduleDir, 'kwok', 'apis', 'crds'),
  ];
}
