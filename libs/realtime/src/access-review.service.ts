import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AccessChange, AccessChanges, Principal } from '@plenary/identity';
import type { Namespace, RemoteSocket } from 'socket.io';
import { RealtimeErrorCode } from './realtime.errors';
import { RoomAccessRegistry } from './room-access.registry';
import { principalRooms } from './socket-auth';

/** A connected socket on this process or another one, as `fetchSockets()` returns it. */
type ReviewedSocket = RemoteSocket<Record<string, (payload: unknown) => void>, { principal?: Principal } & Record<string, unknown>>;

/** A socket's person, rooms and data, as a check of rights sees them: a live socket, or a session about to be restored. */
export interface HeldRooms {
  principal: Principal;
  rooms: string[];
  data: Record<string, unknown>;
}

/** How a namespace keeps its own kinds of room true to current rights. */
export interface NamespaceRooms {
  /**
   * For each holder, those of the namespace's own rooms its person may no
   * longer be in, checked for all of them at once; `summitId` narrows the
   * check to one summit's rooms (null: the people's own rights changed).
   */
  lost(held: HeldRooms[], summitId: string | null): Promise<string[][]>;
  /** What a socket is told when it leaves one of them. */
  notice(room: string): { event: string; payload: unknown };
}

/** What becomes of one holder's summit rooms: rooms to leave, sub-rooms to join, summits it may no longer read. */
interface SummitVerdict {
  leave: string[];
  join: string[];
  removed: string[];
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
      const data = session?.data as { principal?: Principal } | undefined;
      if (!session || !data?.principal) return session;
      const held = [{ principal: data.principal, rooms: [...session.rooms], data }];
      const [summits] = await this.summitVerdicts(held, null);
      const [lost] = own ? await own.lost(held, null) : [[]];
      return summits.leave.length === 0 && lost.length === 0 ? session : null;
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
      const sockets = found.filter((socket) => socket.data.principal);
      if (sockets.length === 0) continue;
      const held = sockets.map((socket) => ({ principal: socket.data.principal!, rooms: [...socket.rooms], data: socket.data }));
      try {
        const summits = await this.summitVerdicts(held, summitId);
        const lost = own ? await own.lost(held, summitId) : [];
        sockets.forEach((socket, i) => {
          summits[i].leave.forEach((r) => socket.leave(r));
          if (summits[i].join.length) socket.join(summits[i].join);
          summits[i].removed.forEach((id) => socket.emit('summit.removed', { summitId: id }));
          for (const room of lost[i] ?? []) {
            socket.leave(room);
            const { event, payload } = own!.notice(room);
            socket.emit(event, payload);
          }
        });
      } catch (error) {
        this.logger.error(`Rooms of ${sockets.length} socket(s) could not be checked again: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * A summit room's sub-rooms follow the current rights; without the right to
   * read the summit, all of them are left. One check per summit for everyone.
   */
  private async summitVerdicts(held: HeldRooms[], onlySummitId: string | null): Promise<SummitVerdict[]> {
    const verdicts = held.map((): SummitVerdict => ({ leave: [], join: [], removed: [] }));
    const summitIds = new Set(held.flatMap(({ rooms }) => rooms.flatMap((room) => /^summit:([^:]+)$/.exec(room)?.slice(1) ?? [])));
    const people = [...new Map(held.map(({ principal }) => [principal.userId, principal])).values()];
    for (const summitId of [...summitIds].filter((id) => onlySummitId === null || id === onlySummitId)) {
      const room = `summit:${summitId}`;
      const allowed = await this.rooms.authoriseMany(people, 'summit', summitId);
      held.forEach(({ principal, rooms }, i) => {
        if (!rooms.includes(room)) return;
        const subRoomsHeld = rooms.filter((r) => r.startsWith(`${room}:`));
        const subRooms = allowed.get(principal.userId);
        if (!subRooms) {
          verdicts[i].leave.push(room, ...subRoomsHeld);
          verdicts[i].removed.push(summitId);
          return;
        }
        verdicts[i].leave.push(...subRoomsHeld.filter((r) => !subRooms.includes(r)));
        verdicts[i].join.push(...subRooms.filter((r) => !subRoomsHeld.includes(r)));
      });
    }
    return verdicts;
  }

  private async signOut(namespace: Namespace, change: Extract<AccessChange, { kind: 'sign-out' }>): Promise<void> {
    const sockets = (
      'sessionIds' in change
        ? await namespace.in(change.sessionIds.map(principalRooms.signIn)).fetchSockets()
        : (await namespace.in(principalRooms.user(change.userId)).fetchSockets()).filter((s) => (s.data as { principal?: Principal }).principal?.sessionId !== change.exceptSessionId)
    ) as unknown as ReviewedSocket[];
    for (const socket of sockets) {
      socket.emit('session.ended', { code: RealtimeErrorCode.SessionEnded, message: 'This sign-in has ended or its rights have changed; sign in or refresh, then reconnect' });
      socket.disconnect(true);
    }
  }
}
