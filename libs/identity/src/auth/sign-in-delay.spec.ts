import { delayAfter, nextAttemptAt } from './sign-in-delay';

const T0 = Date.UTC(2025, 0, 1, 9, 0, 0);
const POLICY = { windowMs: 3_600_000, maxDelayMs: 900_000 };

describe(delayAfter.name, () => {
  it.each([
    [0, 0],
    [4, 0],
    [5, 1_000],
    [6, 2_000],
    [7, 4_000],
    [14, 512_000],
    [15, 900_000],
    [40, 900_000],
    [10_000, 900_000],
  ])('waits %i failures later %i ms when 5 are free and the cap is 15 minutes', (failures, expected) => {
    expect(delayAfter(failures, 5, 900_000)).toBe(expected);
  });

  it('waits from the first failure when none is free', () => {
    expect(delayAfter(1, 0, 900_000)).toBe(2_000);
    expect(delayAfter(0, 0, 900_000)).toBe(1_000);
  });

  it('never waits longer than the cap, however small', () => {
    expect(delayAfter(6, 5, 1_500)).toBe(1_500);
  });
});

describe(nextAttemptAt.name, () => {
  const times = (count: number, step = 0) => Array.from({ length: count }, (_, i) => T0 + i * step);

  it('lets an attempt start at once while the free failures last', () => {
    expect(nextAttemptAt(times(4), 5, T0, POLICY)).toBeNull();
    expect(nextAttemptAt([], 5, T0, POLICY)).toBeNull();
  });

  it('makes the next attempt wait from the newest failure once they are spent', () => {
    const failures = times(5, 100);

    expect(nextAttemptAt(failures, 5, T0 + 400, POLICY)).toBe(T0 + 400 + 1_000);
    expect(nextAttemptAt(failures, 5, T0 + 1_399, POLICY)).toBe(T0 + 1_400);
    expect(nextAttemptAt(failures, 5, T0 + 1_400, POLICY)).toBeNull();
  });

  it('doubles the wait with each further failure', () => {
    expect(nextAttemptAt(times(7), 5, T0, POLICY)).toBe(T0 + 4_000);
    expect(nextAttemptAt(times(8), 5, T0, POLICY)).toBe(T0 + 8_000);
  });

  it('forgets failures that have left the window', () => {
    const failures = [...times(5), T0 + 3_000_000];

    // Six failures: a 2-second wait after the newest.
    expect(nextAttemptAt(failures, 5, T0 + 3_000_000, POLICY)).toBe(T0 + 3_002_000);
    // An hour after the first five, only the newest counts.
    expect(nextAttemptAt(failures, 5, T0 + POLICY.windowMs, POLICY)).toBeNull();
  });

  it('keeps a guesser who tries as soon as allowed to a few attempts an hour', () => {
    const failures: number[] = [];
    let now = T0;
    while (now < T0 + 10 * POLICY.windowMs) {
      now = nextAttemptAt(failures, 5, now, POLICY) ?? now;
      failures.push(now);
    }
    const lastHour = failures.filter((at) => at > now - POLICY.windowMs);

    expect(lastHour.length).toBeGreaterThan(5);
    expect(lastHour.length).toBeLessThanOrEqual(15);
  });
});
