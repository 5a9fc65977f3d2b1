import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Principal } from '@plenary/identity';

/** Throws (a DomainError) unless the principal may receive the events of the room `<kind>:<id>`. */
export type RoomAuthoriser = (principal: Principal, id: string) => Promise<void>;

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

  async authorise(principal: Principal, kind: string, id: string): Promise<string> {
    const authorise = this.authorisers.get(kind);
    if (!authorise) throw new DomainError(ErrorCode.NotFound, `Unknown room kind ${kind}`);
    await authorise(principal, id);
    return `${kind}:${id}`;
  }
}
