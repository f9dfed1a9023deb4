import { mockApis } from '@backstage/frontend-test-utils';
import { NodePoolsClient } from '../api/NodePoolsClient';
import { errorBody, jsonResponse } from '../__fixtures__/contract';

/** One call the UI made to the backend. */
export interface BackendCall {
  method: string;
  /** Path under `/api/nodepools`, without the query. */
  path: string;
  query: URLSearchParams;
  body?: any;
}

/** Answers one call; `undefined` means 404. */
export type BackendRoute = (
  call: BackendCall,
) => Response | Promise<Response> | undefined;

/**
 * The real client over a stubbed fetch, recording every call: tests check which routes the UI
 * calls with which bodies, and the UI reads the backend's wire shapes through the real client.
 */
export function fakeBackend(route: BackendRoute) {
  const calls: BackendCall[] = [];
  const fetch = jest.fn(
    async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      const call: BackendCall = {
        method: init?.method ?? 'GET',
        path: url.pathname.replace(/^\/api\/nodepools/, ''),
        query: url.searchParams,
        body: init?.body ? JSON.parse(String(init.body)) : undefined,
      };
      calls.push(call);
      return (
        (await route(call)) ??
        jsonResponse(404, errorBody(404, 'NotFoundError', `no ${call.path}`))
      );
    },
  );
  const client = new NodePoolsClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi: { fetch },
  });
  return { client, calls, fetch };
}
