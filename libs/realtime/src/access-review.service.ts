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

/** Whether a person may still be in every one of the namespace's own rooms listed (others in the list are ignored). */
export type RoomCheck = (principal: Principal, rooms: string[]) => Promise<boolean>;

/** How a namespace keeps its own kinds of room true to current rights. */
export interface NamespaceRooms {
  review: RoomReview;
  allows: RoomCheck;
}

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
  private readonly namespaces = new Map<Namespace, NamespaceRooms | null>();
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

  /**
   * Reviews a namespace's summit rooms here, and its own kinds of room with
   * `own`. Connection-state recovery is guarded too: it would give a returning
   * socket back its rooms, and replay what they carried meanwhile, without
   * asking whether its user may still be in them. A session is restored only
   * if every room still is; otherwise the socket starts afresh and catches up
   * through the history it may read.
   */
  watch(namespace: Namespace, own: NamespaceRooms | null = null): void {
    this.namespaces.set(namespace, own);
    const adapter = namespace.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    // Typed as always finding a session, the adapter answers null for none; so does this.
    adapter.restoreSession = (async (pid: string, offset: string) => {
      const session = await restore(pid, offset);
      const principal = (session?.data as { principal?: Principal } | undefined)?.principal;
      if (!session || !principal) return session;
      const rooms = [...session.rooms];
      return (await this.summitRoomsAllowed(principal, rooms)) && (!own || (await own.allows(principal, rooms))) ? session : null;
    }) as typeof adapter.restoreSession;
  }

  async apply(change: AccessChange): Promise<void> {
    for (const [namespace, own] of this.namespaces) {
      if (change.kind === 'sign-out') {
        await this.signOut(namespace, change);
        continue;
      }
      const summitId = change.kind === 'summit' ? change.summitId : null;
      const room = change.kind === 'summit' ? `summit:${change.summitId}` : principalRooms.user(change.userId);
      const found = (await namespace.in(room).fetchSockets()) as unknown as ReviewedSocket[];
      const sockets = found.flatMap((socket) => (socket.data.principal ? [{ socket, principal: socket.data.principal }] : []));
      if (sockets.length === 0) continue;
      try {
        await this.reviewSummitRooms(sockets, summitId);
        await own?.review(sockets, summitId);
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

  private async summitRoomsAllowed(principal: Principal, rooms: string[]): Promise<boolean> {
    for (const summitId of rooms.flatMap((room) => /^summit:([^:]+)$/.exec(room)?.slice(1) ?? [])) {
      const allowed = (await this.rooms.authoriseMany([principal], 'summit', summitId)).get(principal.userId);
      if (!allowed || rooms.some((r) => r.startsWith(`summit:${summitId}:`) && !allowed.includes(r))) return false;
    }
    return true;
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
