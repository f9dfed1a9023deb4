import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { fakeSignals } from '../__testUtils__/fakeSignals';
import { useLiveAsync } from './useLiveAsync';

function setup() {
  const signals = fakeSignals();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[signalApiRef, signals.api]]}>
      {children}
    </TestApiProvider>
  );
  return { signals, wrapper };
}

/** A load the test finishes by hand, in any order. */
function deferredLoads() {
  const pending: Array<{
    resolve: (v: string) => void;
    reject: (e: Error) => void;
  }> = [];
  const load = jest.fn(
    () =>
      new Promise<string>((resolve, reject) =>
        pending.push({ resolve, reject }),
      ),
  );
  return { load, pending };
}

describe('useLiveAsync', () => {
  it('a change signalled during a load starts a newer load, whose answer wins', async () => {
    const { signals, wrapper } = setup();
    const { load, pending } = deferredLoads();
    const { result } = renderHook(() => useLiveAsync(load, ['x'], () => true), {
      wrapper,
    });
    expect(load).toHaveBeenCalledTimes(1);
    // The first load may have read the data before this change: it is asked again at once.
    await signals.publish({ poolIds: ['p'] });
    expect(load).toHaveBeenCalledTimes(2);
    await act(async () => pending[1].resolve('after the change'));
    await act(async () => pending[0].resolve('before the change'));
    expect(result.current.value).toBe('after the change');
  });

  it('keeps the last value next to the error when loading again fails, for the same deps only', async () => {
    const { signals, wrapper } = setup();
    const { load, pending } = deferredLoads();
    const { result, rerender } = renderHook(
      ({ id }: { id: string }) => useLiveAsync(load, [id], () => true),
      { wrapper, initialProps: { id: 'a' } },
    );
    await act(async () => pending[0].resolve('a1'));
    expect(result.current.value).toBe('a1');

    await signals.publish({ poolIds: ['p'] });
    await act(async () => pending[1].reject(new Error('backend restarting')));
    expect(result.current.error?.message).toBe('backend restarting');
    expect(result.current.value).toBe('a1');

    rerender({ id: 'b' });
    await act(async () => pending[2].reject(new Error('no b')));
    await waitFor(() => expect(result.current.error?.message).toBe('no b'));
    expect(result.current.value).toBeUndefined();
  });
});
