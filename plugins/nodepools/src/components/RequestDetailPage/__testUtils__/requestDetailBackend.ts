import { clustersBody, jsonResponse } from '../../../__fixtures__/contract';
import type { BackendRoute } from '../../../__testUtils__/fakeBackend';
import {
  pendingRequest,
  pendingRequestPreviewBody,
  requestHistory,
} from '../../../__fixtures__/records';

/** The preview the page's tests show unless they pass another. */
export const previewBody = pendingRequestPreviewBody();
export const preview = previewBody.preview;

/**
 * The backend for request req-1: `before` until a decision is posted, `after` from then on, with
 * its history, its preview (`body`) and the clusters.
 */
export function backendWith(
  after = pendingRequest,
  before = pendingRequest,
  body = previewBody,
): BackendRoute {
  let current = before;
  return ({ method, path }) => {
    if (method === 'GET' && path === '/requests/req-1')
      return jsonResponse(200, current);
    if (path === '/requests/req-1/history')
      return jsonResponse(200, { items: requestHistory });
    if (method === 'GET' && path === '/requests/req-1/preview')
      return jsonResponse(200, body);
    if (path === '/clusters') return jsonResponse(200, clustersBody);
    if (method === 'POST' && path.startsWith('/requests/req-1/')) {
      current = after;
      return jsonResponse(200, after);
    }
    return undefined;
  };
}
