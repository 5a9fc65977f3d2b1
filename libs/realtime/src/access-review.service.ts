import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { DomainError } from '@plenary/common';
import { AccessChange, AccessChanges, Principal } from '@plenary/identity';
import type { Namespace, RemoteSocket } from 'socket.io';
import { RoomAccessRegistry } from './room-access.registry';
import { principalRooms } from './socket-auth';

/** A connected socket on this process or another one, as `fetchSockets()` returns it. */
export type ReviewedSocket = RemoteSocket<Record<string, (payload: unknown) => void>, { principal?: Principal } & Record<string, unknown>>;

/**
 * Re-checks the rooms of one socket after a change that concerns it; leaves
 * (and tells the client about) those it may no longer be in. `summitId` is the
 * summit whose audience changed, or null when the person's rights changed.
 */
export type RoomReview = (socket: ReviewedSocket, principal: Principal, summitId: string | null) => Promise<void>;

/** A denial, as opposed to a failure to check (a database error keeps the rooms as they are). */
export function isRefusal(error: unknown): boolean {
  return error instanceof DomainError;
}

/**
 * Keeps live connections true to current rights. When a participation, a
 * role, a membership or a sign-in session changes, the sockets concerned — on
 * every server process, through the adapter — are found by room (`summit:<id>`,
 * `user:<id>`, `sign-in:<id>`) and their rooms are checked again: a socket
 * never keeps receiving what its user may no longer see.
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
      const sockets = await namespace.in(change.kind === 'summit' ? `summit:${change.summitId}` : principalRooms.user(change.userId)).fetchSockets();
      for (const socket of sockets as unknown as ReviewedSocket[]) {
        const principal = socket.data.principal;
        if (!principal) continue;
        try {
          await this.reviewSummitRooms(socket, principal, summitId);
          await review?.(socket, principal, summitId);
        } catch (error) {
          this.logger.error(`Rooms of socket ${socket.id} could not be checked again: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }

  /** A summit room's sub-rooms follow the current rights; without the right to read the summit, all of them are left. */
  private async reviewSummitRooms(socket: ReviewedSocket, principal: Principal, onlySummitId: string | null): Promise<void> {
    const summitIds = [...socket.rooms].flatMap((room) => /^summit:([^:]+)$/.exec(room)?.slice(1) ?? []).filter((id) => onlySummitId === null || id === onlySummitId);
    for (const summitId of summitIds) {
      const room = `summit:${summitId}`;
      const held = [...socket.rooms].filter((r) => r.startsWith(`${room}:`));
      let allowed: string[];
      try {
        allowed = (await this.rooms.authorise(principal, 'summit', summitId)).subRooms;
      } catch (error) {
        if (!isRefusal(error)) throw error;
        for (const r of [room, ...held]) socket.leave(r);
        socket.emit('summit.removed', { summitId });
        continue;
      }
      for (const r of held.filter((r) => !allowed.includes(r))) socket.leave(r);
      const missing = allowed.filter((r) => !held.includes(r));
      if (missing.length) socket.join(missing);
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
