/* eslint-disable jest/no-export, jest/valid-title, jest/no-disabled-tests, jest/expect-expect --
   a helper that declares suites for test files, not a test file itself */
import { karpenterCrdsUnavailable } from '../karpenterModule';

/**
 * `describe` for suites that validate against the real Karpenter CRDs. When this machine can
 * neither find them in the Go module cache nor fetch them (no Go), the suite is skipped with the
 * reason in its title; under `CI=true` it fails instead, as CI must run it.
 */
export function describeWithKarpenterCrds(
  title: string,
  body: () => void,
): void {
  const reason = karpenterCrdsUnavailable();
  if (!reason) {
    describe(title, () => {
      body();
    });
    return;
  }
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason}. CI must run "${title}": .ci/run installs Go.`);
  }
  // Printed while Jest collects the file, so it shows next to the skipped suite.
  console.warn(`Skipping "${title}": ${reason}`);
  describe.skip(`${title} (skipped: ${reason})`, () => {
    it('needs the Karpenter CRDs', () => undefined);
  });
}
