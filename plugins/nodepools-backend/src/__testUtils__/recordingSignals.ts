import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';

/**
 * A signals service for tests: records what the plugin publishes, or fails as told (a rejected
 * promise, or a throw before any promise, as a broken service might).
 */
export function recordingSignals(
  failure: 'none' | 'rejects' | 'throws' = 'none',
) {
  const published: SignalPayload[] = [];
  const factory = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: (signal: SignalPayload) => {
        if (failure === 'throws') throw new Error('signals are down');
        if (failure === 'rejects')
          return Promise.reject(new Error('signals are down'));
        published.push(signal);
        return Promise.resolve();
      },
    }),
  });
  return { published, factory };
}
