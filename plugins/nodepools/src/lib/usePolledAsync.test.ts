import { act, renderHook } from '@testing-library/react';
import { usePolledAsync } from './usePolledAsync';

describe('usePolledAsync', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('loads again every interval without remounting, keeping the last value meanwhile', async () => {
    let n = 0;
    const load = jest.fn(async () => ++n);
    const { result, unmount } = renderHook(() =>
      usePolledAsync(load, [], 15_000),
    );
    await act(async () => {});
    expect(result.current.value).toBe(1);

    await act(async () => {
      jest.advanceTimersByTime(15_000);
    });
    expect(load).toHaveBeenCalledTimes(2);
    expect(result.current.value).toBe(2);

    unmount();
    jest.advanceTimersByTime(60_000);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
