import { binariesCached, ensureBinaries } from '../goBuild/ensureBinaries.ts';
import { findGo } from '../goBuild/findGo.ts';
import {
  karpenterCrdsUnavailable,
  karpenterModuleDir,
} from '../karpenterCrds/karpenterModule.ts';
import { printProgress, stepReporter } from '../util/progress.ts';
import { resolveLayout } from '../util/resolveLayout.ts';
import { PINNED_VERSIONS } from '../versions.ts';
import { isCi, TEST_ENV } from './testRunState.ts';

/** Why Karpenter mode cannot start: no Go, and binaries or the Karpenter module not cached. */
async function skipReason(cacheDir: string): Promise<string | undefined> {
  if (findGo()) return undefined;
  const cached = await binariesCached(cacheDir, PINNED_VERSIONS, {
    karpenter: true,
  });
  if (!cached)
    return `go is not on PATH and the Karpenter-mode binaries are not cached in ${cacheDir}`;
  return karpenterCrdsUnavailable(['core']);
}

/**
 * Jest global setup for packages with `describeKarpenter` suites: builds the Karpenter-mode
 * binaries if needed, here in the main process where the terminal shows the progress (a cold
 * build takes many minutes; a worker's hook would show nothing until it is done). Each suite
 * then starts a control plane of its own. Without Go, cached binaries and the Karpenter module
 * (whose CRDs they install) it records why the suites are skipped, or fails under CI, which must
 * run them.
 */
export default async function karpenterGlobalSetup(): Promise<void> {
  const { cacheDir } = resolveLayout();
  const reason = await skipReason(cacheDir);
  if (reason) {
    if (isCi()) {
      throw new Error(
        `${reason}. CI must run the Karpenter suites: .ci/run installs Go.`,
      );
    }
    process.env[TEST_ENV.karpenterSkipReason] = reason;
    process.stderr.write(
      `\n[local-cluster] Karpenter suites will be SKIPPED: ${reason}.\n`,
    );
    return;
  }
  // Fetched here, where the terminal shows it, rather than in the first suite's worker.
  karpenterModuleDir('core', stepReporter('crds', printProgress).report);
  await ensureBinaries({
    cacheDir,
    onProgress: printProgress,
    karpenter: true,
  });
  process.env[TEST_ENV.karpenterBinaries] = 'cached';
}
