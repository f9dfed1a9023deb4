import { ResponseError } from '@backstage/errors';
import { errorBody, jsonResponse } from '../../__fixtures__/contract';
import { describeLoadError } from './describeLoadError';

async function responseError(status: number, name: string, message: string) {
  return ResponseError.fromResponse(
    jsonResponse(status, errorBody(status, name, message)),
  );
}

describe('describeLoadError', () => {
  it("shows the backend's own message and status, not the generic one", async () => {
    const error = await responseError(
      500,
      'Error',
      'relation "nodepools_pools" does not exist',
    );

    const { message, advice } = describeLoadError(error);

    expect(message).toBe(
      'relation "nodepools_pools" does not exist (HTTP 500)',
    );
    expect(advice).toMatch(/logs/);
  });

  it.each([
    [401, /sign in again/],
    [403, /ask the platform team for access/],
    [404, /add @nodepools\/plugin-nodepools-backend to packages\/backend/],
    [503, /logs/],
    [409, /try again/],
  ])('advises what to do on HTTP %i', async (status, advice) => {
    const error = await responseError(status, 'Error', 'nope');

    expect(describeLoadError(error).advice).toMatch(advice);
  });

  it('tells the user to check the backend when it cannot be reached', () => {
    const { message, advice } = describeLoadError(
      new TypeError('Failed to fetch'),
    );

    expect(message).toBe('Failed to fetch');
    expect(advice).toMatch(/backend\.baseUrl in app-config\.yaml/);
  });

  it('keeps the message of any other error', () => {
    expect(describeLoadError(new Error('boom')).message).toBe('boom');
  });
});
