import { SessionKind, SessionStatus } from '../sessions/session.entity';

export interface SchedulableSession {
  id: string;
  title: string;
  kind: SessionKind;
  status: SessionStatus;
  startsAt: Date;
  endsAt: Date;
  room: string | null;
  chairIds: string[];
  /** Empty: every participating organisation is expected. */
  organisationIds: string[];
}

export type ConflictType = 'outside_summit' | 'room_overlap' | 'chair_double_booked' | 'delegation_double_booked';

export interface Conflict {
  type: ConflictType;
  message: string;
  sessionId?: string;
  userIds?: string[];
  organisationIds?: string[];
}

function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/** Breaks, and sessions postponed (time to be set) or cancelled, hold no room and no one. */
function occupies(session: SchedulableSession): boolean {
  return session.status === SessionStatus.Scheduled && session.kind !== SessionKind.Break;
}

/**
 * What is wrong with placing `candidate` among `others`: outside the summit's
 * dates, in a room already taken, or with a chair or a delegation expected in
 * two places at once. Only scheduled sessions other than breaks conflict.
 */
export function findConflicts(
  candidate: SchedulableSession,
  others: SchedulableSession[],
  summit: { startsAt: Date; endsAt: Date },
  participatingOrganisationIds: string[],
): Conflict[] {
  const conflicts: Conflict[] = [];
  if (candidate.startsAt.getTime() < summit.startsAt.getTime() || candidate.endsAt.getTime() > summit.endsAt.getTime()) {
    conflicts.push({ type: 'outside_summit', message: 'The session falls outside the summit’s dates' });
  }
  if (!occupies(candidate)) return conflicts;
  const expected = (s: SchedulableSession) => new Set(s.organisationIds.length ? s.organisationIds : participatingOrganisationIds);
  const mine = expected(candidate);

  for (const other of others) {
    if (other.id === candidate.id || !occupies(other)) continue;
    if (!overlaps(candidate, other)) continue;
    if (candidate.room && other.room && candidate.room.trim().toLowerCase() === other.room.trim().toLowerCase()) {
      conflicts.push({ type: 'room_overlap', message: `${candidate.room} is already used by “${other.title}”`, sessionId: other.id });
    }
    const chairs = candidate.chairIds.filter((id) => other.chairIds.includes(id));
    if (chairs.length) {
      conflicts.push({ type: 'chair_double_booked', message: `A chair also chairs “${other.title}” at that time`, sessionId: other.id, userIds: chairs });
    }
    const theirs = expected(other);
    const both = [...mine].filter((id) => theirs.has(id));
    if (both.length) {
      conflicts.push({
        type: 'delegation_double_booked',
        message: `${both.length} delegation(s) are also expected at “${other.title}”`,
        sessionId: other.id,
        organisationIds: both,
      });
    }
  }
  return conflicts;
}
