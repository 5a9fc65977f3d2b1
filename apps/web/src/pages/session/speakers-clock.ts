import type { SpeakersList } from '../../api/types';

/** A speakers list with the moment it arrived: the clocks count on from there. */
export interface ReceivedSpeakersList {
  list: SpeakersList;
  at: number;
}

/** The clock of the speech holding the floor, as one figure set: nothing on screen contradicts another. */
export interface FloorClock {
  elapsedSeconds: number;
  /** The first limit the speech reaches (its own time or its delegation's); null when unlimited. */
  limitSeconds: number | null;
  /** Limit minus elapsed; negative when over time; null when unlimited. */
  remainingSeconds: number | null;
  overTime: boolean;
  limitedBy: 'speech' | 'delegation' | null;
  /** Seconds run since the server's answer, to add to a delegation's time while its speech runs. */
  sinceAnswer: number;
}

/**
 * The floor's clock at `now`: the server's figures of the moment it
 * answered, run on by the time since while the speech is running (paused,
 * they stand still).
 */
export function floorClock(received: ReceivedSpeakersList, now: number): FloorClock | null {
  const current = received.list.current;
  if (!current) return null;
  const sinceAnswer = current.status === 'speaking' ? Math.max(0, Math.floor((now - received.at) / 1000)) : 0;
  const elapsedSeconds = current.elapsedSeconds + sinceAnswer;
  const limitSeconds = current.limitSeconds;
  const remainingSeconds = limitSeconds === null ? null : limitSeconds - elapsedSeconds;
  return { elapsedSeconds, limitSeconds, remainingSeconds, overTime: remainingSeconds !== null && remainingSeconds < 0, limitedBy: current.limitedBy, sinceAnswer };
}
