import path from 'node:path';
import type { ControlPlaneVersions, KarpenterVersions } from '../versions.ts';
import { goModuleInfo } from './goModuleInfo.ts';
import {
  readBinaryVersion,
  reportsEtcdVersion,
  reportsKubernetesVersion,
} from './readBinaryVersion.ts';
import { reportsModuleVersion } from './readModuleVersion.ts';
import { renderEtcdGoMod } from './renderEtcdGoMod.ts';
import { renderKubernetesGoMod } from './renderKubernetesGoMod.ts';
import { renderToolGoMod } from './renderToolGoMod.ts';
import { etcdLdflags, kubernetesLdflags } from './versionLdflags.ts';

/** What a throwaway module needs to build one main package. */
export interface PreparedBuild {
  goMod: string;
  mainPackage: string;
  buildFlags: string[];
}

/** How to check, and if needed build, one cached binary. */
export interface BinaryRecipe {
  name: string;
  version: string;
  output: string;
  /** True when the file at `output` is this binary at this version (its own word, not a stamp). */
  isCached(): Promise<boolean>;
  /** Downloads what it must to write the module's go.mod; `moduleDir` is under the cache. */
  prepare(
    go: string,
    moduleDir: string,
    env: NodeJS.ProcessEnv,
  ): Promise<PreparedBuild>;
}

/** Cache locations of the API-server-only binaries, whether or not they exist yet. */
export function binaryPaths(cacheDir: string, versions: ControlPlaneVersions) {
  return {
    etcd: path.join(cacheDir, 'etcd', versions.etcd, 'etcd'),
    kubeApiserver: path.join(
      cacheDir,
      'k8s',
      versions.kubernetes,
      'kube-apiserver',
    ),
  };
}

/**
 * Cache locations of what Karpenter mode adds. The Kubernetes binaries share the folder (and so
 * the throwaway module and the build lock) of kube-apiserver; kwok and Karpenter's kwok provider
 * are both named `kwok`, so each has a folder of its own.
 */
export function karpenterBinaryPaths(
  cacheDir: string,
  versions: ControlPlaneVersions,
  karpenter: KarpenterVersions,
) {
  const k8s = path.join(cacheDir, 'k8s', versions.kubernetes);
  return {
    kubeScheduler: path.join(k8s, 'kube-scheduler'),
    kubeControllerManager: path.join(k8s, 'kube-controller-manager'),
    kwok: path.join(cacheDir, 'kwok', karpenter.kwok, 'kwok'),
    karpenterKwok: path.join(
      cacheDir,
      'karpenter-kwok',
      karpenter.karpenter,
      'kwok',
    ),
  };
}

function kubernetesRecipe(
  command: string,
  output: string,
  version: string,
): BinaryRecipe {
  return {
    name: command,
    version,
    output,
    isCached: async () =>
      reportsKubernetesVersion(await readBinaryVersion(output), version),
    prepare: async (go, moduleDir, env) => {
      const upstream = await goModuleInfo(
        go,
        `k8s.io/kubernetes@${version}`,
        moduleDir,
        env,
      );
      return {
        goMod: renderKubernetesGoMod(upstream.goMod, version),
        mainPackage: `k8s.io/kubernetes/cmd/${command}`,
        // The flags of the official release build (hack/lib/golang.sh).
        buildFlags: [
          '-trimpath',
          '-tags',
          'selinux,notest,grpcnotrace',
          '-ldflags',
          kubernetesLdflags(version, upstream.time.replace(/\.\d+Z$/, 'Z')),
        ],
      };
    },
  };
}

/** A tool built from a module of its own; its go line is copied from that module's go.mod. */
function toolRecipe(spec: {
  name: string;
  output: string;
  module: string;
  mainPackage: string;
  version: string;
  ldflags: string;
}): BinaryRecipe {
  return {
    name: spec.name,
    version: spec.version,
    output: spec.output,
    isCached: async () =>
      reportsModuleVersion(spec.output, spec.module, spec.version),
    prepare: async (go, moduleDir, env) => {
      const upstream = await goModuleInfo(
        go,
        `${spec.module}@${spec.version}`,
        moduleDir,
        env,
      );
      const goVersion = /^go (\S+)$/m.exec(upstream.goMod)?.[1] ?? '1.24';
      return {
        goMod: renderToolGoMod(
          `${spec.name}-build`,
          spec.module,
          spec.version,
          goVersion,
        ),
        mainPackage: spec.mainPackage,
        buildFlags: ['-trimpath', '-ldflags', spec.ldflags],
      };
    },
  };
}

/** etcd and kube-apiserver: what every control plane runs. */
export function apiServerRecipes(
  cacheDir: string,
  versions: ControlPlaneVersions,
): BinaryRecipe[] {
  const paths = binaryPaths(cacheDir, versions);
  return [
    {
      name: 'etcd',
      version: versions.etcd,
      output: paths.etcd,
      isCached: async () =>
        reportsEtcdVersion(await readBinaryVersion(paths.etcd), versions.etcd),
      prepare: async (go, moduleDir, env) => {
        const upstream = await goModuleInfo(
          go,
          `go.etcd.io/etcd/server/v3@${versions.etcd}`,
          moduleDir,
          env,
        );
        const goVersion = /^go (\S+)$/m.exec(upstream.goMod)?.[1] ?? '1.24';
        return {
          goMod: renderEtcdGoMod(versions.etcd, goVersion),
          mainPackage: 'go.etcd.io/etcd/server/v3',
          buildFlags: ['-trimpath', '-ldflags', etcdLdflags(versions.etcd)],
        };
      },
    },
    kubernetesRecipe(
      'kube-apiserver',
      paths.kubeApiserver,
      versions.kubernetes,
    ),
  ];
}

/** What Karpenter mode adds: scheduler, controller-manager, kwok, Karpenter's kwok provider. */
export function karpenterRecipes(
  cacheDir: string,
  versions: ControlPlaneVersions,
  karpenter: KarpenterVersions,
): BinaryRecipe[] {
  const paths = karpenterBinaryPaths(cacheDir, versions, karpenter);
  return [
    kubernetesRecipe(
      'kube-scheduler',
      paths.kubeScheduler,
      versions.kubernetes,
    ),
    kubernetesRecipe(
      'kube-controller-manager',
      paths.kubeControllerManager,
      versions.kubernetes,
    ),
    toolRecipe({
      name: 'kwok',
      output: paths.kwok,
      module: 'sigs.k8s.io/kwok',
      mainPackage: 'sigs.k8s.io/kwok/cmd/kwok',
      version: karpenter.kwok,
      // What kwok's release script stamps; `kwok --version` then prints the tag.
      ldflags: `-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${karpenter.kwok}`,
    }),
    toolRecipe({
      name: 'karpenter-kwok',
      output: paths.karpenterKwok,
      module: 'sigs.k8s.io/karpenter',
      mainPackage: 'sigs.k8s.io/karpenter/kwok',
      version: karpenter.karpenter,
      // Karpenter logs this and sends it as its user agent; unset it says "unspecified".
      ldflags: `-s -w -X sigs.k8s.io/karpenter/pkg/operator.Version=${karpenter.karpenter}`,
    }),
  ];
}
