import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccessChange, AccessChanges, Principal } from '@plenary/identity';
import type { Namespace, RemoteSocket } from 'socket.io';
import { RoomAccessRegistry } from './room-access.registry';
import { principalRooms } from './socket-auth';

/** A connected socket on this process or another one, as `fetchSockets()` returns it. */
export type ReviewedSocket = RemoteSocket<Record<string, (payload: unknown) => void>, { principal?: Principal } & Record<string, unknown>>;

/** A socket under review, with the person it acts for. */
export interface Reviewed {
  socket: ReviewedSocket;
  principal: Principal;
}

/**
 * Re-checks a namespace's own kinds of room for the sockets concerned by a
 * change, all at once; leaves (and tells the client about) those they may no
 * longer be in. `summitId` is the summit whose audience changed, or null
 * when the people's own rights changed.
 */
export type RoomReview = (sockets: Reviewed[], summitId: string | null) => Promise<void>;

/**
 * Keeps live connections true to current rights. When a participation, a
 * role, a membership or a sign-in session changes, the sockets concerned — on
 * every server process, through the adapter — are found by room (`summit:<id>`,
 * `user:<id>`, `sign-in:<id>`) and their rooms are checked again, for all of
 * them at once: a socket never keeps receiving what its user may no longer see.
 */
@Injectable()
export class AccessReviewService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessReviewService.name);
  private readonly namespaces = new Map<Namespace, RoomReview | null>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly changes: AccessChanges,
    private readonly rooms: RoomAccessRegistry,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.changes.subscribe((change) => this.apply(change));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Reviews a namespace's summit rooms here, and its own kinds of room with `review`. */
  watch(namespace: Namespace, review: RoomReview | null = null): void {
    this.namespaces.set(namespace, review);
  }

  async apply(change: AccessChange): Promise<void> {
    for (const [namespace, review] of this.namespaces) {
      if (change.kind === 'sign-out') {
        await this.signOut(namespace, change);
        continue;
      }
      const summitId = change.kind === 'summit' ? change.summitId : null;
      const found = (await namespace.in(summitId ? `summit:${summitId}` : principalRooms.user((change as { userId: string }).userId)).fetchSockets()) as unknown as ReviewedSocket[];
      const sockets = found.flatMap((socket) => (socket.data.principal ? [{ socket, principal: socket.data.principal }] : []));
      if (sockets.length === 0) continue;
      try {
        await this.reviewSummitRooms(sockets, summitId);
        await review?.(sockets, summitId);
      } catch (error) {
        this.logger.error(`Rooms of ${sockets.length} socket(s) could not be checked again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** A summit room's sub-rooms follow the current rights; without the right to read the summit, all of them are left. */
  private async reviewSummitRooms(sockets: Reviewed[], onlySummitId: string | null): Promise<void> {
    const summitIds = new Set(sockets.flatMap(({ socket }) => [...socket.rooms].flatMap((room) => /^summit:([^:]+)$/.exec(room)?.slice(1) ?? [])));
    const people = [...new Map(sockets.map(({ principal }) => [principal.userId, principal])).values()];
    for (const summitId of [...summitIds].filter((id) => onlySummitId === null || id === onlySummitId)) {
      const room = `summit:${summitId}`;
      const allowed = await this.rooms.authoriseMany(people, 'summit', summitId);
      for (const { socket, principal } of sockets.filter(({ socket }) => socket.rooms.has(room))) {
        const held = [...socket.rooms].filter((r) => r.startsWith(`${room}:`));
        const subRooms = allowed.get(principal.userId);
        if (!subRooms) {
          socket.leave(room);
          held.forEach((r) => socket.leave(r));
          socket.emit('summit.removed', { summitId });
          continue;
        }
        held.filter((r) => !subRooms.includes(r)).forEach((r) => socket.leave(r));
        const missing = subRooms.filter((r) => !held.includes(r));
        if (missing.length) socket.join(missing);
      }
    }
  }

  private async signOut(namespace: Namespace, change: Extract<AccessChange, { kind: 'sign-out' }>): Promise<void> {
    const sockets = (
      'sessionIds' in change
        ? await namespace.in(change.sessionIds.map(principalRooms.signIn)).fetchSockets()
        : (await namespace.in(principalRooms.user(change.userId)).fetchSockets()).filter((s) => (s.data as { principal?: Principal }).principal?.sessionId !== change.exceptSessionId)
    ) as unknown as ReviewedSocket[];
    for (const socket of sockets) {
      socket.emit('session.ended', { code: 'SESSION_ENDED', message: 'This sign-in has ended or its rights have changed; sign in or refresh, then reconnect' });
      socket.disconnect(true);
    }
  }
}
