export { CHROMIUM, launchChromium } from './chromium.ts';
export { browserSkipReason } from './skipReason.ts';
export { waitFor } from './waitFor.ts';
export {
  startBackendProcess,
  type BackendProcess,
  type BackendProcessOptions,
} from './startBackendProcess.ts';
export {
  requestPoolThroughTemplate,
  waitForValue,
  type PoolAsk,
} from './requestPoolThroughTemplate.ts';
