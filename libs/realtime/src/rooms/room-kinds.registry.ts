import { Injectable } from '@nestjs/common';
import type { AccessChange, Principal } from '@plenary/identity';
import type { Notice, RoomKind, RoomNames } from './room-kind';

/** A socket's person and rooms, as a check of rights sees them: a live socket, or a session about to be restored. */
export interface HeldRooms {
  principal: Principal;
  rooms: Iterable<string>;
}

/** A socket of any namespace, as far as joining and leaving rooms goes. */
export interface RoomHolder {
  data: { principal?: Principal };
  rooms: Set<string>;
  join(rooms: string | string[]): Promise<void> | void;
  leave(room: string): Promise<void> | void;
}

/** What becomes of one holder's rooms under current rights. */
export interface RoomVerdict {
  leave: string[];
  join: string[];
  /** What to tell the socket, one notice per room lost. */
  notices: Notice[];
}

/**
 * The room kinds of every lib. Joining goes through here (`enter`), so that
 * no socket is in a room its person may not be in; and `review` checks what
 * sockets hold again, every kind at once, when rights change or a connection
 * is restored.
 */
@Injectable()
export class RoomKinds {
  private readonly kinds = new Map<string, RoomKind>();

  register(kind: RoomKind): void {
    if (this.kinds.has(kind.names.kind)) throw new Error(`Room kind ${kind.names.kind} is registered twice`);
    this.kinds.set(kind.names.kind, kind);
  }

  /** Joins the socket to the room of `id` and the sub-rooms its person belongs to; throws the kind's refusal. */
  async enter(socket: RoomHolder, names: RoomNames, id: string): Promise<string> {
    const subRooms = await this.kind(names).admit(socket.data.principal!, id);
    const room = names.of(id);
    await socket.join([room, ...subRooms.map((sub) => names.sub(id, sub))]);
    return room;
  }

  /** Takes the socket out of the room of `id` and its sub-rooms. */
  async leave(socket: RoomHolder, names: RoomNames, id: string): Promise<void> {
    const room = names.of(id);
    for (const joined of [room, ...names.subRoomsIn(id, socket.rooms)]) await socket.leave(joined);
  }

  /** The rooms whose sockets a change of rights may concern, over every kind. */
  concernedBy(change: AccessChange): string[] {
    return [...this.kinds.values()].flatMap((kind) => (kind.concerns?.(change) ?? []).map((id) => kind.names.of(id)));
  }

  /**
   * For each holder, the rooms (of any registered kind) it may no longer be
   * in, with their sub-rooms and a notice each, and the sub-rooms it now
   * belongs to: one bulk check per kind for everyone.
   */
  async review(held: HeldRooms[]): Promise<RoomVerdict[]> {
    const verdicts = held.map((): RoomVerdict => ({ leave: [], join: [], notices: [] }));
    const rooms = held.map(({ rooms }) => [...rooms]);
    for (const kind of this.kinds.values()) {
      const ids = rooms.map((names) => names.flatMap((room) => kind.names.idOf(room) ?? []));
      const allIds = [...new Set(ids.flat())];
      if (allIds.length === 0) continue;
      const people = [...new Map(held.filter((_, i) => ids[i].length > 0).map(({ principal }) => [principal.userId, principal])).values()];
      const admitted = await kind.admitMany(people, allIds);
      held.forEach(({ principal }, i) => {
        for (const id of ids[i]) {
          const subsHeld = kind.names.subRoomsIn(id, rooms[i]);
          const subs = admitted.get(id)?.get(principal.userId);
          if (!subs) {
            verdicts[i].leave.push(kind.names.of(id), ...subsHeld);
            verdicts[i].notices.push(kind.lost(id));
            continue;
          }
          const subsNow = subs.map((sub) => kind.names.sub(id, sub));
          verdicts[i].leave.push(...subsHeld.filter((room) => !subsNow.includes(room)));
          verdicts[i].join.push(...subsNow.filter((room) => !subsHeld.includes(room)));
        }
      });
    }
    return verdicts;
  }

  private kind(names: RoomNames): RoomKind {
    const kind = this.kinds.get(names.kind);
    if (!kind) throw new Error(`Room kind ${names.kind} is not registered`);
    return kind;
  }
}
