/**
 * The environment of every command run in the generated app: the registry settings the test was
 * started with (scripts/lib/toolchain.sh exports them from npm's config), and yarn told to write
 * the app's lockfile even on CI, where it would otherwise refuse any lockfile change.
 */
export function appEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_PROGRESS_BARS: 'false',
    YARN_ENABLE_COLORS: 'false',
    FORCE_COLOR: '0',
    ...extra,
  };
}
