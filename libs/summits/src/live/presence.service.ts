import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@plenary/identity';
import { RealtimeNamespaces } from '@plenary/realtime';
import type { Namespace } from 'socket.io';
import type { PresenceEntry } from '../contracts/live-events';
import { LiveEventsService } from './live-events.service';
import { summitRooms } from './summit-rooms';

/**
 * Who is online in a summit, by delegation, across every server process:
 * the people whose `/live` sockets follow it. Announced to the summit when a
 * socket enters or leaves its room (a subscription, a disconnection, rights
 * taken away), once per summit per turn of the event loop.
 */
@Injectable()
export class PresenceService {
  private readonly logger = new Logger(PresenceService.name);
  private readonly pending = new Set<string>();

  constructor(
    private readonly namespaces: RealtimeNamespaces,
    private readonly events: LiveEventsService,
  ) {}

  /** Announces presence when this process's sockets enter or leave a summit's room of the namespace. */
  follow(namespace: Namespace): void {
    const changed = (room: string) => {
      const summitId = summitRooms.idOf(room);
      if (summitId) this.schedule(summitId);
    };
    namespace.adapter.on('join-room', changed);
    namespace.adapter.on('leave-room', changed);
  }

  async online(summitId: string): Promise<PresenceEntry[]> {
    const sockets = await this.namespaces.socketsIn('/live', summitRooms.of(summitId));
    const byUser = new Map<string, Set<string>>();
    for (const socket of sockets) {
      const userId = (socket.data as { principal?: Principal }).principal?.userId;
      if (!userId) continue;
      const organisations = byUser.get(userId) ?? new Set<string>();
      summitRooms.delegationsIn(summitId, socket.rooms).forEach((id) => organisations.add(id));
      byUser.set(userId, organisations);
    }
    return [...byUser].map(([userId, organisations]) => ({ userId, organisationIds: [...organisations].sort() })).sort((a, b) => a.userId.localeCompare(b.userId));
  }

  private schedule(summitId: string): void {
    if (this.pending.has(summitId)) return;
    this.pending.add(summitId);
    setImmediate(() => {
      this.pending.delete(summitId);
      void this.announce(summitId);
    });
  }

  private async announce(summitId: string): Promise<void> {
    try {
      this.events.presenceChanged(summitId, await this.online(summitId));
    } catch (error) {
      this.logger.warn(`Presence of summit ${summitId} could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
