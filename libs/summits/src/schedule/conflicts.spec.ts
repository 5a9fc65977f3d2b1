import { SessionKind, SessionStatus } from '../sessions/session.entity';
import { findConflicts, SchedulableSession } from './conflicts';

const summit = { startsAt: new Date('2026-05-14T06:00:00Z'), endsAt: new Date('2026-05-15T20:00:00Z') };
const everyone = ['fr', 'nz', 'ca', 'ec'];

function session(fields: Partial<SchedulableSession> = {}): SchedulableSession {
  return {
    id: fields.id ?? Math.random().toString(36).slice(2),
    title: 'Session',
    kind: SessionKind.Breakout,
    status: SessionStatus.Scheduled,
    startsAt: new Date('2026-05-14T09:00:00Z'),
    endsAt: new Date('2026-05-14T10:00:00Z'),
    room: null,
    chairIds: [],
    organisationIds: ['fr'],
    ...fields,
  };
}

describe(findConflicts.name, () => {
  it('finds nothing for a session alone inside the summit', () => {
    expect(findConflicts(session(), [], summit, everyone)).toEqual([]);
  });

  it('flags a session that ends after the summit', () => {
    const late = session({ startsAt: new Date('2026-05-15T19:30:00Z'), endsAt: new Date('2026-05-15T20:30:00Z') });
    expect(findConflicts(late, [], summit, everyone).map((c) => c.type)).toEqual(['outside_summit']);
  });

  it('flags two overlapping sessions in one room, whatever its spelling', () => {
    const other = session({ id: 'salon', title: 'Salon', room: 'Salon Murat', organisationIds: ['nz'] });
    const conflicts = findConflicts(session({ room: 'salon murat ' }), [other], summit, everyone);
    expect(conflicts).toEqual([expect.objectContaining({ type: 'room_overlap', sessionId: 'salon' })]);
  });

  it('does not flag sessions that only touch end to start', () => {
    const before = session({ id: 'before', room: 'A', startsAt: new Date('2026-05-14T08:00:00Z'), endsAt: new Date('2026-05-14T09:00:00Z') });
    expect(findConflicts(session({ room: 'A' }), [before], summit, everyone)).toEqual([]);
  });

  it('flags a chair booked twice', () => {
    const other = session({ id: 'x', chairIds: ['u1', 'u2'], organisationIds: ['nz'] });
    expect(findConflicts(session({ chairIds: ['u2'] }), [other], summit, everyone)).toEqual([
      expect.objectContaining({ type: 'chair_double_booked', userIds: ['u2'] }),
    ]);
  });

  it('flags delegations expected in two places, counting an open plenary as everyone', () => {
    const plenary = session({ id: 'plenary', kind: SessionKind.Plenary, organisationIds: [] });
    const bilateral = session({ kind: SessionKind.Bilateral, organisationIds: ['nz', 'ca'] });
    expect(findConflicts(bilateral, [plenary], summit, everyone)).toEqual([
      expect.objectContaining({ type: 'delegation_double_booked', sessionId: 'plenary', organisationIds: ['nz', 'ca'] }),
    ]);
  });

  it('ignores breaks, and postponed and cancelled sessions', () => {
    const lunch = session({ id: 'lunch', kind: SessionKind.Break, room: 'A', organisationIds: [] });
    const cancelled = session({ id: 'gone', status: SessionStatus.Cancelled, room: 'A', organisationIds: [] });
    const postponed = session({ id: 'later', status: SessionStatus.Postponed, room: 'A', organisationIds: [] });
    expect(findConflicts(session({ room: 'A' }), [lunch, cancelled, postponed], summit, everyone)).toEqual([]);
    expect(findConflicts(session({ room: 'A', status: SessionStatus.Postponed }), [session({ id: 'busy', room: 'A' })], summit, everyone)).toEqual([]);
  });
});
