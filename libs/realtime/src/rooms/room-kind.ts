import type { AccessChange, Principal } from '@plenary/identity';

/**
 * Builds and reads the names of one kind of room: `<kind>:<id>` for the room,
 * `<kind>:<id>:<sub>` for its sub-rooms (events meant for part of its
 * audience). The lib that owns the kind exports one, so that its room names
 * are written in one place and never parsed back with ad-hoc patterns.
 */
export class RoomNames {
  constructor(readonly kind: string) {
    if (!/^[a-z][a-z-]*$/.test(kind)) throw new Error(`A room kind is a lower-case word, not ${kind}`);
  }

  /** The room of one thing: `summit:<id>`. */
  of(id: string): string {
    if (id.length === 0 || id.includes(':')) throw new Error(`A room id is non-empty and has no colon, not "${id}"`);
    return `${this.kind}:${id}`;
  }

  /** A sub-room of it: `summit:<id>:host`. */
  sub(id: string, sub: string): string {
    return `${this.of(id)}:${sub}`;
  }

  /** The id of the room named `room` when it is a room of this kind (not a sub-room), else null. */
  idOf(room: string): string | null {
    const prefix = `${this.kind}:`;
    if (!room.startsWith(prefix)) return null;
    const id = room.slice(prefix.length);
    return id.length > 0 && !id.includes(':') ? id : null;
  }

  /** The sub-rooms of `id` among `rooms`, by full name. */
  subRoomsIn(id: string, rooms: Iterable<string>): string[] {
    const prefix = `${this.of(id)}:`;
    return [...rooms].filter((room) => room.startsWith(prefix));
  }
}

/** An event and its payload, as a socket is told something. */
export interface Notice {
  event: string;
  payload: object;
}

/**
 * One kind of room, registered with `RoomKinds` by the lib that owns it (in
 * the manner of a Hocuspocus extension): who may be in its rooms, one person
 * at a time when a socket asks to join and many at once when rights change,
 * which sub-rooms they belong to, and what a socket is told when it loses a
 * room. A client never joins a room by naming it; it asks, and the kind
 * decides.
 */
export interface RoomKind {
  readonly names: RoomNames;
  /**
   * Resolves to the sub-rooms (`host`, `org:<id>`…) of the room `id` the
   * person belongs to; throws a DomainError (the one the client should get)
   * when they may not be in the room at all.
   */
  admit(principal: Principal, id: string): Promise<string[]>;
  /**
   * The same for many people and rooms at once, as the check after a change
   * of rights needs it: for each room id, each admitted user id's sub-rooms.
   * A user missing from a room's map may no longer be in it. It must cost a
   * few queries, whatever the number of people.
   */
  admitMany(principals: Principal[], ids: string[]): Promise<Map<string, Map<string, string[]>>>;
  /** What a socket is told when it loses the room `id`. */
  lost(id: string): Notice;
  /**
   * The ids of this kind's rooms whose audience a change of rights concerns;
   * their sockets are checked again. (A change to one person is looked up by
   * that person's own room in every case.)
   */
  concerns?(change: AccessChange): string[];
}
