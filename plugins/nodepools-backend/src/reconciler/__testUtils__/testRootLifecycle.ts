import type { RootLifecycleService } from '@backstage/backend-plugin-api';

/**
 * A root lifecycle whose shutdown a test runs itself, so that services built on it (the
 * scheduler's task workers) stop when the test is done.
 */
export function testRootLifecycle() {
  const hooks: Array<() => void | Promise<void>> = [];
  const lifecycle = {
    addStartupHook: () => {},
    addBeforeShutdownHook: () => {},
    addShutdownHook: (hook: () => void | Promise<void>) => hooks.push(hook),
  } as unknown as RootLifecycleService;
  return { lifecycle, shutdown: () => Promise.all(hooks.map(h => h())) };
}
