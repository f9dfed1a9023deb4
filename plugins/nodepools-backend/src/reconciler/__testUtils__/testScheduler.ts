import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import type {
  DatabaseService,
  LoggerService,
  RootLifecycleService,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';

/**
 * Backstage's real scheduler for the nodepools plugin on the given database (global tasks live
 * in its tables, so two of these on one database behave as two replicas), with a shutdown the
 * test runs itself so its task workers stop.
 */
export function testScheduler(
  database: DatabaseService,
  logger: LoggerService,
) {
  const hooks: Array<() => void | Promise<void>> = [];
  const rootLifecycle = {
    addStartupHook: () => {},
    addBeforeShutdownHook: () => {},
    addShutdownHook: (hook: () => void | Promise<void>) => hooks.push(hook),
  } as unknown as RootLifecycleService;
  const scheduler = DefaultSchedulerService.create({
    database,
    logger,
    metrics: metricsServiceMock.mock(),
    rootLifecycle,
    httpRouter: mockServices.httpRouter.mock(),
    pluginMetadata: { getId: () => 'nodepools' },
  });
  return { scheduler, shutdown: () => Promise.all(hooks.map(h => h())) };
}
