import { TestApiProvider } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { act, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { fakeSignals } from '../__testUtils__/fakeSignals';
import { POLL_INTERVAL_MS, useChangeSignal } from './useChangeSignal';

describe('useChangeSignal', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const concernsPoolA = (change: { poolIds: string[] }) =>
    change.poolIds.includes('a');

  it('with the signals plugin, calls back for every change that concerns it, and sets no timer', async () => {
    const signals = fakeSignals();
    const onChange = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[signalApiRef, signals.api]]}>
        {children}
      </TestApiProvider>
    );
    const { result, unmount } = renderHook(
      () => useChangeSignal(concernsPoolA, onChange),
      { wrapper },
    );
    expect(result.current.live).toBe(true);
    expect(jest.getTimerCount()).toBe(0);

    await signals.publish({ poolIds: ['b'] });
    expect(onChange).not.toHaveBeenCalled();
    // Two changes in one burst, this one's first: the later one must not hide it.
    await signals.publish({ poolIds: ['a'] }, { poolIds: ['b'] });
    expect(onChange).toHaveBeenCalledTimes(1);
    // A message from a backend that leaves fields out is read as empty, not a crash.
    await signals.publish({ poolIds: undefined });
    expect(onChange).toHaveBeenCalledTimes(1);

    act(() => jest.advanceTimersByTime(10 * POLL_INTERVAL_MS));
    expect(onChange).toHaveBeenCalledTimes(1);
    unmount();
    expect(signals.listeners()).toBe(0);
  });

  it('without it, calls back every 15 seconds until unmounted', () => {
    const onChange = jest.fn();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[]}>{children}</TestApiProvider>
    );
    const { result, unmount } = renderHook(
      () => useChangeSignal(concernsPoolA, onChange),
      { wrapper },
    );
    expect(result.current.live).toBe(false);
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_MS - 1));
    expect(onChange).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(1));
    expect(onChange).toHaveBeenCalledTimes(1);
    act(() => jest.advanceTimersByTime(POLL_INTERVAL_MS));
    expect(onChange).toHaveBeenCalledTimes(2);

    unmount();
    act(() => jest.advanceTimersByTime(4 * POLL_INTERVAL_MS));
    expect(onChange).toHaveBeenCalledTimes(2);
  });
});
