import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccessChange, AccessChanges, Principal } from '@plenary/identity';
import type { Namespace, RemoteSocket } from 'socket.io';
import type { RealtimeServerEvents } from './contracts/realtime-events';
import { RealtimeErrorCode } from './realtime.errors';
import { personRooms } from './rooms/person-rooms';
import { HeldRooms, RoomKinds } from './rooms/room-kinds.registry';

/** A connected socket on this process or another one, as `fetchSockets()` returns it. */
type ReviewedSocket = RemoteSocket<RealtimeServerEvents & Record<string, (payload: object) => void>, { principal?: Principal }>;

/**
 * Keeps live connections true to current rights. When a participation, a
 * role, a membership or a sign-in session changes, the sockets concerned — on
 * every server process, through the adapter — are found by room (the rooms a
 * room kind says the change concerns, `user:<id>`, `sign-in:<id>`) and all
 * the rooms they hold are checked again by their kinds, for all of them at
 * once: a socket never keeps receiving what its user may no longer see.
 */
@Injectable()
export class AccessReviewService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(AccessReviewService.name);
  private readonly namespaces = new Set<Namespace>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly changes: AccessChanges,
    private readonly kinds: RoomKinds,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.changes.subscribe((change) => this.apply(change));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * Reviews a namespace's rooms from now on. Connection-state recovery is
   * guarded too: it would give a returning socket back its rooms, and replay
   * what they carried meanwhile, without asking whether its user may still be
   * in them. A session is restored only if every room still is; otherwise the
   * socket starts afresh and catches up through the history it may read.
   */
  watch(namespace: Namespace): void {
    this.namespaces.add(namespace);
    const adapter = namespace.adapter;
    const restore = adapter.restoreSession.bind(adapter);
    // Typed as always finding a session, the adapter answers null for none; so does this.
    adapter.restoreSession = (async (pid: string, offset: string) => {
      const session = await restore(pid, offset);
      const principal = (session?.data as { principal?: Principal } | undefined)?.principal;
      if (!session || !principal) return session;
      const [verdict] = await this.kinds.review([{ principal, rooms: session.rooms }]);
      return verdict.leave.length === 0 && verdict.join.length === 0 ? session : null;
    }) as typeof adapter.restoreSession;
  }

  async apply(change: AccessChange): Promise<void> {
    for (const namespace of this.namespaces) {
      if (change.kind === 'sign-out') {
        await this.signOut(namespace, change);
        continue;
      }
      const rooms = change.kind === 'person' ? [personRooms.user.of(change.userId)] : this.kinds.concernedBy(change);
      if (rooms.length === 0) continue;
      const sockets = ((await namespace.in(rooms).fetchSockets()) as unknown as ReviewedSocket[]).filter((socket) => socket.data.principal);
      if (sockets.length === 0) continue;
      const held: HeldRooms[] = sockets.map((socket) => ({ principal: socket.data.principal!, rooms: socket.rooms }));
      try {
        const verdicts = await this.kinds.review(held);
        sockets.forEach((socket, i) => {
          const { leave, join, notices } = verdicts[i];
          leave.forEach((room) => socket.leave(room));
          if (join.length) socket.join(join);
          notices.forEach(({ event, payload }) => socket.emit(event, payload));
        });
      } catch (error) {
        this.logger.error(`Rooms of ${sockets.length} socket(s) could not be checked again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private async signOut(namespace: Namespace, change: Extract<AccessChange, { kind: 'sign-out' }>): Promise<void> {
    const sockets = (
      'sessionIds' in change
        ? await namespace.in(change.sessionIds.map((id) => personRooms.signIn.of(id))).fetchSockets()
        : (await namespace.in(personRooms.user.of(change.userId)).fetchSockets()).filter((s) => (s.data as { principal?: Principal }).principal?.sessionId !== change.exceptSessionId)
    ) as unknown as ReviewedSocket[];
    for (const socket of sockets) {
      socket.emit('session.ended', { code: RealtimeErrorCode.SessionEnded, message: 'This sign-in has ended or its rights have changed; sign in or refresh, then reconnect' });
      socket.disconnect(true);
    }
  }
}
