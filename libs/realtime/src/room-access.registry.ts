import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Principal } from '@plenary/identity';
import type { Socket } from 'socket.io';

/**
 * Throws (a DomainError) unless the principal may receive the events of the
 * room `<kind>:<id>`; returns the sub-rooms (`<kind>:<id>:<sub>`) the
 * principal also belongs to, for events meant for part of the audience.
 */
export type RoomAuthoriser = (principal: Principal, id: string) => Promise<string[]>;

/**
 * The same check for many people at once, as a re-check after a change of
 * rights needs it: the sub-rooms of each user id that may be in the room;
 * those missing may not.
 */
export type BulkRoomAuthoriser = (principals: Principal[], id: string) => Promise<Map<string, string[]>>;

/**
 * Rooms are named by what they contain (`summit:<id>`, `session:<id>`…). The
 * lib that owns each kind registers how membership is checked; a client
 * never joins a room just by naming it.
 */
@Injectable()
export class RoomAccessRegistry {
  private readonly authorisers = new Map<string, { one: RoomAuthoriser; many: BulkRoomAuthoriser }>();

  register(kind: string, one: RoomAuthoriser, many: BulkRoomAuthoriser): void {
    this.authorisers.set(kind, { one, many });
  }

  /** The room and its sub-rooms the principal may join. */
  async authorise(principal: Principal, kind: string, id: string): Promise<{ room: string; subRooms: string[] }> {
    const room = `${kind}:${id}`;
    return { room, subRooms: (await this.authoriser(kind).one(principal, id)).map((sub) => `${room}:${sub}`) };
  }

  /** For each user id that may be in the room `<kind>:<id>`, the full names of its sub-rooms they belong to. */
  async authoriseMany(principals: Principal[], kind: string, id: string): Promise<Map<string, string[]>> {
    const room = `${kind}:${id}`;
    const allowed = await this.authoriser(kind).many(principals, id);
    return new Map([...allowed].map(([userId, subs]) => [userId, subs.map((sub) => `${room}:${sub}`)]));
  }

  private authoriser(kind: string): { one: RoomAuthoriser; many: BulkRoomAuthoriser } {
    const found = this.authorisers.get(kind);
    if (!found) throw new DomainError(ErrorCode.NotFound, `Unknown room kind ${kind}`);
    return found;
  }

  /** Joins the socket to the room `<kind>:<id>` and the sub-rooms its user may be in; throws if they may not. */
  async enter(socket: Socket, principal: Principal, kind: string, id: string): Promise<string> {
    const { room, subRooms } = await this.authorise(principal, kind, id);
    await socket.join([room, ...subRooms]);
    return room;
  }

  /** Takes the socket out of the room `<kind>:<id>` and its sub-rooms. */
  async leave(socket: Socket, kind: string, id: string): Promise<void> {
    const room = `${kind}:${id}`;
    for (const joined of [...socket.rooms].filter((r) => r === room || r.startsWith(`${room}:`))) await socket.leave(joined);
  }
}
