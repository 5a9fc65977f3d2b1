import { MAX_RESEND_WAIT_SECONDS, resendWaitSeconds, secondsBeforeResend } from './resend-policy';

describe(resendWaitSeconds.name, () => {
  it('waits a minute after the first mail, then twice as long after each resend', () => {
    expect([1, 2, 3, 4, 5].map(resendWaitSeconds)).toEqual([60, 120, 240, 480, 960]);
  });

  it('never waits more than a day', () => {
    expect(resendWaitSeconds(12)).toBe(MAX_RESEND_WAIT_SECONDS);
    expect(resendWaitSeconds(1_000)).toBe(MAX_RESEND_WAIT_SECONDS);
  });

  it('treats a count below one as a first mail', () => {
    expect(resendWaitSeconds(0)).toBe(60);
  });
});

describe(secondsBeforeResend.name, () => {
  const sent = new Date('2026-05-01T10:00:00Z');

  it('gives the seconds left, rounded up', () => {
    expect(secondsBeforeResend(sent, 1, new Date('2026-05-01T10:00:00Z'))).toBe(60);
    expect(secondsBeforeResend(sent, 1, new Date('2026-05-01T10:00:59.200Z'))).toBe(1);
    expect(secondsBeforeResend(sent, 2, new Date('2026-05-01T10:01:00Z'))).toBe(60);
  });

  it('allows a resend once the wait is over', () => {
    expect(secondsBeforeResend(sent, 1, new Date('2026-05-01T10:01:00Z'))).toBe(0);
    expect(secondsBeforeResend(sent, 3, new Date('2026-05-01T11:00:00Z'))).toBe(0);
  });
});
