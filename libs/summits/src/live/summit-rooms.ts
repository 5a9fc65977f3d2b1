import { Injectable } from '@nestjs/common';
import type { AccessChange, Principal } from '@plenary/identity';
import { Notice, RoomKind, RoomNames } from '@plenary/realtime';
import { SummitAccessService, SummitContext } from '../access/summit-access.service';
import { SessionKind, SummitSession } from '../sessions/session.entity';

const HOST = 'host';
const DELEGATION = 'org:';

/**
 * `summit:<id>`: everyone who may read the summit, on any namespace that
 * follows it. Its sub-rooms carry what only part of them may see (a
 * bilateral): `summit:<id>:host` its host side, `summit:<id>:org:<id>` each
 * delegation taking part.
 */
class SummitRoomNames extends RoomNames {
  constructor() {
    super('summit');
  }

  host(summitId: string): string {
    return this.sub(summitId, HOST);
  }

  delegation(summitId: string, organisationId: string): string {
    return this.sub(summitId, `${DELEGATION}${organisationId}`);
  }

  /** The delegations whose rooms of the summit are among `rooms`. */
  delegationsIn(summitId: string, rooms: Iterable<string>): string[] {
    const prefix = this.delegation(summitId, '');
    return [...rooms].filter((room) => room.startsWith(prefix)).map((room) => room.slice(prefix.length));
  }

  /** The summit's room and the sub-rooms of someone with this view of the summit, as the room kind admits them. */
  roomsOf(ctx: SummitContext): string[] {
    return [this.of(ctx.summit.id), ...subRoomsOf(ctx).map((sub) => this.sub(ctx.summit.id, sub))];
  }

  /** The rooms that may see a session: everyone following the summit, or for a bilateral its host side and two delegations. */
  audienceOf(session: SummitSession): string[] {
    if (session.kind !== SessionKind.Bilateral || session.organisationIds.length === 0) return [this.of(session.summitId)];
    return [this.host(session.summitId), ...session.organisationIds.map((id) => this.delegation(session.summitId, id))];
  }
}

export const summitRooms = new SummitRoomNames();

function subRoomsOf(ctx: SummitContext): string[] {
  return [...(ctx.isHost ? [HOST] : []), ...ctx.organisationIds.map((id) => `${DELEGATION}${id}`)];
}

/** Who may be in `summit:<id>` and its sub-rooms: whoever may read the summit, as its REST routes decide. */
@Injectable()
export class SummitRoomKind implements RoomKind {
  readonly names = summitRooms;

  constructor(private readonly access: SummitAccessService) {}

  async admit(principal: Principal, summitId: string): Promise<string[]> {
    return subRoomsOf(await this.access.read(principal, summitId));
  }

  async admitMany(principals: Principal[], summitIds: string[]): Promise<Map<string, Map<string, string[]>>> {
    const admitted = new Map<string, Map<string, string[]>>();
    for (const summitId of summitIds) {
      const contexts = [...((await this.access.contextsOf(principals, summitId))?.values() ?? [])];
      admitted.set(summitId, new Map(contexts.filter((ctx) => this.access.canRead(ctx)).map((ctx) => [ctx.principal.userId, subRoomsOf(ctx)])));
    }
    return admitted;
  }

  lost(summitId: string): Notice {
    return { event: 'summit.removed', payload: { summitId } };
  }

  concerns(change: AccessChange): string[] {
    return change.kind === 'summit' ? [change.summitId] : [];
  }
}
