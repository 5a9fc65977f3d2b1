import { findConflicts } from '../schedule/conflicts';
import { ScheduleChange, ScheduleChangeKind } from '../schedule/schedule-change.entity';
import { zoneClock } from '../schedule/zone-clock';
import type { SummitRoom } from '../rooms/room.entity';
import { AgendaDto, PreviousTimeDto, toSessionDto } from './session.dto';
import { SessionStatus, SummitSession } from './session.entity';

export interface AgendaInputs {
  /** The sessions the reader sees, in order. */
  sessions: SummitSession[];
  rooms: SummitRoom[];
  /** The schedule history of those sessions, oldest first. */
  changes: ScheduleChange[];
  summit: { startsAt: Date; endsAt: Date; timeZone: string };
  participatingOrganisationIds: string[];
}

const MOVES = new Set([ScheduleChangeKind.Rescheduled, ScheduleChangeKind.Postponed, ScheduleChangeKind.Reinstated]);

/**
 * The last time a session had before it was moved or postponed: the latest
 * change of its history from a time other than the one it has now, or, for a
 * postponed session, the time it was postponed from.
 */
export function previousTime(session: SummitSession, history: ScheduleChange[]): ScheduleChange | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const change = history[i];
    if (!MOVES.has(change.kind)) continue;
    const moved = change.fromStartsAt.getTime() !== session.startsAt.getTime() || change.fromEndsAt.getTime() !== session.endsAt.getTime();
    if (moved || (change.kind === ScheduleChangeKind.Postponed && session.status === SessionStatus.Postponed)) return change;
  }
  return null;
}

/**
 * The agenda by local day in `timeZone`. Each session says the conflicts it
 * still has with the others the reader sees (saved anyway with override), its
 * room's names in both languages and the time it had before its last move.
 * Local times come from one clock of the zone over the agenda's span, not a
 * zoned date per time shown.
 */
export function buildAgenda(inputs: AgendaInputs, timeZone: string): AgendaDto {
  const { sessions, summit } = inputs;
  const rooms = inputs.rooms.map((r) => ({ id: r.id, name: r.name, nameFr: r.nameFr, capacity: r.capacity }));
  const result: AgendaDto = { timeZone, summitTimeZone: summit.timeZone, rooms, days: [] };
  if (sessions.length === 0) return result;
  const roomsById = new Map(inputs.rooms.map((r) => [r.id, r]));
  const histories = new Map<string, ScheduleChange[]>();
  for (const change of inputs.changes) {
    if (!histories.has(change.sessionId)) histories.set(change.sessionId, []);
    histories.get(change.sessionId)!.push(change);
  }
  const previous = new Map(sessions.map((s) => [s.id, previousTime(s, histories.get(s.id) ?? [])]));
  const instants = sessions.flatMap((s) => [s.startsAt.getTime(), s.endsAt.getTime()]);
  for (const p of previous.values()) if (p) instants.push(p.fromStartsAt.getTime(), p.fromEndsAt.getTime());
  const clock = zoneClock(timeZone, Math.min(...instants), Math.max(...instants));
  const days = new Map<string, AgendaDto['days'][number]>();
  for (const session of sessions) {
    const localStart = clock.localDateTime(session.startsAt.getTime());
    const date = localStart.slice(0, 10);
    if (!days.has(date)) days.set(date, { date, sessions: [] });
    const before = previous.get(session.id);
    const previousDto: PreviousTimeDto | null = before
      ? {
          kind: before.kind,
          startsAt: before.fromStartsAt.toISOString(),
          endsAt: before.fromEndsAt.toISOString(),
          localStart: clock.localDateTime(before.fromStartsAt.getTime()),
          localEnd: clock.localDateTime(before.fromEndsAt.getTime()),
          reason: before.reason,
          changedAt: before.createdAt.toISOString(),
        }
      : null;
    const conflicts = findConflicts(session, sessions, summit, inputs.participatingOrganisationIds).map((c) => ({ type: c.type, sessionId: c.sessionId ?? null, message: c.message }));
    days.get(date)!.sessions.push({
      ...toSessionDto(session),
      localStart,
      localEnd: clock.localDateTime(session.endsAt.getTime()),
      roomNameFr: (session.roomId && roomsById.get(session.roomId)?.nameFr) || null,
      conflicts,
      previous: previousDto,
    });
  }
  result.days = [...days.values()];
  return result;
}
