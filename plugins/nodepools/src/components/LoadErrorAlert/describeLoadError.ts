import { ResponseError } from '@backstage/errors';

/** What went wrong loading something from the backend, and what the user can do about it. */
export interface LoadErrorDescription {
  /** The most specific message available: the backend's own when it sent one. */
  message: string;
  /** The next step for the person looking at the page. */
  advice: string;
}

// Browsers reject fetch with a TypeError (and no status) when the backend cannot be reached at all.
function isNetworkFailure(error: Error): boolean {
  return error.name === 'TypeError';
}

function adviceForStatus(statusCode: number): string {
  if (statusCode === 401) {
    return 'Your session has expired or you are not signed in: reload the page and sign in again.';
  }
  if (statusCode === 403) {
    return 'You are not allowed to read node pools: ask the platform team for access.';
  }
  if (statusCode === 404) {
    return 'The nodepools backend is not installed: add @nodepools/plugin-nodepools-backend to packages/backend and restart it.';
  }
  if (statusCode >= 500) {
    return 'The nodepools backend failed: its logs say why. Fix the cause, then try again.';
  }
  return 'The backend rejected the request: try again, and report it to the platform team if it keeps failing.';
}

/** Turns an error from the nodepools API client into a message and a next step. */
export function describeLoadError(error: Error): LoadErrorDescription {
  if (ResponseError.is(error)) {
    return {
      // `error.message` is only "Request failed with 500 …"; the cause is the backend's own error.
      message: `${error.cause.message} (HTTP ${error.statusCode})`,
      advice: adviceForStatus(error.statusCode),
    };
  }
  if (isNetworkFailure(error)) {
    return {
      message: error.message,
      advice:
        'The backend could not be reached: check that it is running and that backend.baseUrl in app-config.yaml points to it.',
    };
  }
  return {
    message: error.message,
    advice:
      'Try again, and report it to the platform team if it keeps failing.',
  };
}
