// How often an invitation may be mailed again, as pure rules: each resend
// waits twice as long as the one before, so that a link cannot be used to
// flood someone's mailbox, while a first reminder is possible within a minute.

export const FIRST_RESEND_WAIT_SECONDS = 60;
export const MAX_RESEND_WAIT_SECONDS = 86_400;

/** The wait after the `sentCount`-th mail of an invitation before the next: 1 min, 2 min, 4 min … up to a day. */
export function resendWaitSeconds(sentCount: number): number {
  return Math.min(MAX_RESEND_WAIT_SECONDS, FIRST_RESEND_WAIT_SECONDS * 2 ** Math.min(Math.max(sentCount - 1, 0), 30));
}

/** The seconds still to wait before the invitation may be mailed again at `now`; 0 when it may. */
export function secondsBeforeResend(lastSentAt: Date, sentCount: number, now: Date): number {
  const allowedAt = lastSentAt.getTime() + resendWaitSeconds(sentCount) * 1000;
  return Math.max(0, Math.ceil((allowedAt - now.getTime()) / 1000));
}
