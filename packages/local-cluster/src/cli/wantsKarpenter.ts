const FROM_ENV: Record<string, boolean> = {
  '1': true,
  true: true,
  '0': false,
  false: false,
};

/**
 * Whether `cluster:start` should run Karpenter: `--karpenter` / `--no-karpenter` on the command
 * line win over `NODEPOOLS_KARPENTER` (`1`/`true` on, `0`/`false` off). Undefined when neither
 * says: a running control plane of either mode is then reused, and a new one is API server only.
 * Unknown arguments are refused, so a typo does not silently start the other mode.
 */
export function wantsKarpenter(
  args: string[],
  env: NodeJS.ProcessEnv,
): boolean | undefined {
  let wanted: boolean | undefined = FROM_ENV[env.NODEPOOLS_KARPENTER ?? ''];
  for (const arg of args) {
    if (arg === '--karpenter') wanted = true;
    else if (arg === '--no-karpenter') wanted = false;
    else
      throw new Error(
        `Unknown argument ${arg} (expected --karpenter or --no-karpenter)`,
      );
  }
  return wanted;
}
