import { DomainError, ErrorCode } from '@plenary/common';
import { PlatformRole, Principal } from '@plenary/identity';
import { Notice, RoomKind, RoomNames } from './room-kind';
import { RoomKinds } from './room-kinds.registry';

function person(userId: string): Principal {
  return { userId, sessionId: `${userId}-session`, email: `${userId}@plenary.test`, platformRole: PlatformRole.Participant };
}

/**
 * A room kind whose rights are a table: room id → user id → sub-rooms. It
 * counts its bulk checks, to show that a review costs one per kind.
 */
class TableKind implements RoomKind {
  readonly names: RoomNames;
  bulkChecks = 0;

  constructor(
    kind: string,
    public rights: Record<string, Record<string, string[]>>,
  ) {
    this.names = new RoomNames(kind);
  }

  async admit(principal: Principal, id: string): Promise<string[]> {
    const subs = this.rights[id]?.[principal.userId];
    if (!subs) throw new DomainError(ErrorCode.NotFound, `No such ${this.names.kind}`);
    return subs;
  }

  async admitMany(principals: Principal[], ids: string[]): Promise<Map<string, Map<string, string[]>>> {
    this.bulkChecks += 1;
    return new Map(ids.map((id) => [id, new Map(principals.flatMap((p) => (this.rights[id]?.[p.userId] ? [[p.userId, this.rights[id][p.userId]] as const] : [])))]));
  }

  lost(id: string): Notice {
    return { event: `${this.names.kind}.removed`, payload: { id } };
  }
}

/** Enough of a socket to join and leave rooms. */
function holder(userId: string, rooms: string[] = []) {
  const held = new Set(rooms);
  return {
    data: { principal: person(userId) },
    rooms: held,
    join: (joined: string | string[]) => void [joined].flat().forEach((room) => held.add(room)),
    leave: (room: string) => void held.delete(room),
  };
}

describe(RoomNames.name, () => {
  const sut = new RoomNames('summit');

  it('names a room and its sub-rooms', () => {
    expect(sut.of('s1')).toBe('summit:s1');
    expect(sut.sub('s1', 'org:o1')).toBe('summit:s1:org:o1');
  });

  it('reads the id back from the room only, not from its sub-rooms or other kinds', () => {
    expect(sut.idOf('summit:s1')).toBe('s1');
    expect(sut.idOf('summit:s1:host')).toBeNull();
    expect(sut.idOf('summits:s1')).toBeNull();
    expect(sut.idOf('channel:s1')).toBeNull();
    expect(sut.idOf('summit:')).toBeNull();
  });

  it('finds the sub-rooms of one room among others', () => {
    expect(sut.subRoomsIn('s1', ['summit:s1', 'summit:s1:host', 'summit:s10:host', 'summit:s2:org:o1', 'summit:s1:org:o1'])).toEqual(['summit:s1:host', 'summit:s1:org:o1']);
  });

  it('refuses an id that would make the name ambiguous', () => {
    expect(() => sut.of('s1:host')).toThrow(/no colon/);
    expect(() => sut.of('')).toThrow(/non-empty/);
    expect(() => new RoomNames('Summit:')).toThrow(/lower-case word/);
  });
});

describe(RoomKinds.name, () => {
  let sut: RoomKinds;
  let summits: TableKind;
  let channels: TableKind;

  beforeEach(() => {
    sut = new RoomKinds();
    summits = new TableKind('summit', { s1: { ana: ['host'], ben: ['org:nz'] }, s2: { ana: [] } });
    channels = new TableKind('channel', { c1: { ana: [], ben: [] }, c2: { ben: [] } });
    sut.register(summits);
    sut.register(channels);
  });

  it('refuses a kind registered twice', () => {
    expect(() => sut.register(new TableKind('summit', {}))).toThrow(/registered twice/);
  });

  it('joins the room and the sub-rooms its person belongs to', async () => {
    const socket = holder('ben');

    await expect(sut.enter(socket, summits.names, 's1')).resolves.toBe('summit:s1');

    expect([...socket.rooms]).toEqual(['summit:s1', 'summit:s1:org:nz']);
  });

  it('passes on the kind’s refusal and joins nothing', async () => {
    const socket = holder('ben');

    await expect(sut.enter(socket, summits.names, 's2')).rejects.toMatchObject({ code: ErrorCode.NotFound });

    expect(socket.rooms.size).toBe(0);
  });

  it('leaves a room with its sub-rooms only', async () => {
    const socket = holder('ana', ['summit:s1', 'summit:s1:host', 'summit:s2', 'user:ana']);

    await sut.leave(socket, summits.names, 's1');

    expect([...socket.rooms]).toEqual(['summit:s2', 'user:ana']);
  });

  it('keeps rooms whose rights still hold and ignores rooms of no registered kind', async () => {
    const [verdict] = await sut.review([{ principal: person('ana'), rooms: ['user:ana', 'sign-in:x', 'summit:s1', 'summit:s1:host', 'channel:c1'] }]);

    expect(verdict).toEqual({ leave: [], join: [], notices: [] });
  });

  it('leaves a lost room with its sub-rooms and says so, of each kind', async () => {
    summits.rights.s1 = { ana: ['host'] };
    channels.rights.c1 = { ana: [] };

    const [verdict] = await sut.review([{ principal: person('ben'), rooms: ['summit:s1', 'summit:s1:org:nz', 'channel:c1', 'channel:c2'] }]);

    expect(verdict.leave.sort()).toEqual(['channel:c1', 'summit:s1', 'summit:s1:org:nz']);
    expect(verdict.notices).toEqual([
      { event: 'summit.removed', payload: { id: 's1' } },
      { event: 'channel.removed', payload: { id: 'c1' } },
    ]);
  });

  it('moves sub-rooms to the new rights while the room is kept', async () => {
    summits.rights.s1 = { ana: ['org:fr'] };

    const [verdict] = await sut.review([{ principal: person('ana'), rooms: ['summit:s1', 'summit:s1:host'] }]);

    expect(verdict).toEqual({ leave: ['summit:s1:host'], join: ['summit:s1:org:fr'], notices: [] });
  });

  it('checks many sockets with one bulk check per kind', async () => {
    const held = Array.from({ length: 50 }, (_, i) => ({ principal: person(i % 2 ? 'ana' : 'ben'), rooms: ['summit:s1', 'summit:s2', 'channel:c1', 'channel:c2'] }));

    const verdicts = await sut.review(held);

    expect(summits.bulkChecks).toBe(1);
    expect(channels.bulkChecks).toBe(1);
    expect(verdicts[1].leave).toEqual(['channel:c2']);
    expect(verdicts[0].leave).toEqual(['summit:s2']);
  });

  it('finds the rooms a change of rights concerns through the kinds', () => {
    sut.register(Object.assign(new TableKind('draft', {}), { concerns: (change: { kind: string }) => (change.kind === 'summit' ? ['d1', 'd2'] : []) }));

    expect(sut.concernedBy({ kind: 'summit', summitId: 's1' })).toEqual(['draft:d1', 'draft:d2']);
    expect(sut.concernedBy({ kind: 'person', userId: 'ana' })).toEqual([]);
  });
});
