export { LoadErrorAlert } from './LoadErrorAlert';
export type { LoadErrorAlertProps } from './LoadErrorAlert';
