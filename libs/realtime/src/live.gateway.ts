import { Inject, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { DomainError, ErrorCode } from '@plenary/common';
import { AuthService } from '@plenary/identity';
import { IsUUID } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { AccessReviewService } from './access-review.service';
import { Ack, PresenceEntry } from './live-events';
import { LiveEventsService } from './live-events.service';
import { RoomAccessRegistry } from './room-access.registry';
import { authenticateNamespace, principalOf } from './socket-auth';
import { acknowledge, validated } from './socket-payload';

export class SummitRoomDto {
  @IsUUID()
  summitId: string;
}

/** The `/live` namespace: agenda and speakers-list updates for the summits a client follows. */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger(LiveGateway.name);
  private namespace: Namespace;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rooms: RoomAccessRegistry,
    private readonly events: LiveEventsService,
    private readonly review: AccessReviewService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.events.attach(namespace);
    this.review.watch(namespace);
    authenticateNamespace(namespace, this.auth, this.logger, this.config.realtime.eventsPerSecond);
  }

  handleConnection(client: Socket): void {
    // Rooms are still known while disconnecting: tell those summits once the socket has gone.
    client.on('disconnecting', () => {
      const summits = [...client.rooms].filter((r) => /^summit:[^:]+$/.test(r)).map((r) => r.slice('summit:'.length));
      setImmediate(() => summits.forEach((id) => void this.announcePresence(id)));
    });
  }

  /** Who is online in a summit, by delegation, across every server process. */
  async presence(summitId: string): Promise<PresenceEntry[]> {
    const sockets = await this.namespace.in(`summit:${summitId}`).fetchSockets();
    const byUser = new Map<string, Set<string>>();
    const prefix = `summit:${summitId}:org:`;
    for (const socket of sockets) {
      const userId = (socket.data as { principal?: { userId: string } }).principal?.userId;
      if (!userId) continue;
      const organisations = byUser.get(userId) ?? new Set<string>();
      for (const room of socket.rooms) if (room.startsWith(prefix)) organisations.add(room.slice(prefix.length));
      byUser.set(userId, organisations);
    }
    return [...byUser].map(([userId, organisations]) => ({ userId, organisationIds: [...organisations].sort() })).sort((a, b) => a.userId.localeCompare(b.userId));
  }

  private async announcePresence(summitId: string): Promise<void> {
    try {
      this.events.publish(`summit:${summitId}`, 'presence.changed', { summitId, online: await this.presence(summitId) });
    } catch (error) {
      this.logger.warn(`Presence of summit ${summitId} could not be computed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  @SubscribeMessage('summit.subscribe')
  subscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ room: string }>> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      const room = await this.rooms.enter(client, principalOf(client), 'summit', summitId);
      await this.announcePresence(summitId);
      return { room };
    });
  }

  @SubscribeMessage('presence.list')
  presenceList(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ online: PresenceEntry[] }>> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      if (!client.rooms.has(`summit:${summitId}`)) throw new DomainError(ErrorCode.Forbidden, 'Subscribe to the summit first');
      return { online: await this.presence(summitId) };
    });
  }

  @SubscribeMessage('summit.unsubscribe')
  unsubscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      await this.rooms.leave(client, 'summit', summitId);
      await this.announcePresence(summitId);
      return {};
    });
  }
}
