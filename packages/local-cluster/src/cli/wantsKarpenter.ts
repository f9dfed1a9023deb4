/**
 * Whether `cluster:start` should run Karpenter: `--karpenter` / `--no-karpenter` on the command
 * line win over `NODEPOOLS_KARPENTER` (`1`/`true` on, anything else off). Unknown arguments are
 * refused, so a typo does not silently start the other mode.
 */
export function wantsKarpenter(
  args: string[],
  env: NodeJS.ProcessEnv,
): boolean {
  let wanted = env.NODEPOOLS_KARPENTER === '1' || env.NODEPOOLS_KARPENTER === 'true';
  for (const arg of args) {
    if (arg === '--karpenter') wanted = true;
    else if (arg === '--no-karpenter') wanted = false;
    else throw new Error(`Unknown argument ${arg} (expected --karpenter or --no-karpenter)`);
  }
  return wanted;
}
