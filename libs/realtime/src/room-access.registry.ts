import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Principal } from '@plenary/identity';

/**
 * Throws (a DomainError) unless the principal may receive the events of the
 * room `<kind>:<id>`; returns the sub-rooms (`<kind>:<id>:<sub>`) the
 * principal also belongs to, for events meant for part of the audience.
 */
export type RoomAuthoriser = (principal: Principal, id: string) => Promise<string[]>;

/**
 * Rooms are named by what they contain (`summit:<id>`, `session:<id>`…). The
 * lib that owns each kind registers how membership is checked; a client
 * never joins a room just by naming it.
 */
@Injectable()
export class RoomAccessRegistry {
  private readonly authorisers = new Map<string, RoomAuthoriser>();

  register(kind: string, authorise: RoomAuthoriser): void {
    this.authorisers.set(kind, authorise);
  }

  /** The room and its sub-rooms the principal may join. */
  async authorise(principal: Principal, kind: string, id: string): Promise<{ room: string; subRooms: string[] }> {
    const authorise = this.authorisers.get(kind);
    if (!authorise) throw new DomainError(ErrorCode.NotFound, `Unknown room kind ${kind}`);
    const room = `${kind}:${id}`;
    return { room, subRooms: (await authorise(principal, id)).map((sub) => `${room}:${sub}`) };
  }
}
