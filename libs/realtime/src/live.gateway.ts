import { Logger } from '@nestjs/common';
import { ConnectedSocket, MessageBody, OnGatewayConnection, OnGatewayInit, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { AuthService } from '@plenary/identity';
import { IsUUID } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import { Ack } from './live-events';
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

  constructor(
    private readonly auth: AuthService,
    private readonly rooms: RoomAccessRegistry,
    private readonly events: LiveEventsService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.events.attach(namespace);
    authenticateNamespace(namespace, this.auth, this.logger);
  }

  async handleConnection(client: Socket): Promise<void> {
    await client.join(`user:${principalOf(client).userId}`);
  }

  @SubscribeMessage('summit.subscribe')
  subscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack<{ room: string }>> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      const { room, subRooms } = await this.rooms.authorise(principalOf(client), 'summit', summitId);
      await client.join([room, ...subRooms]);
      return { room };
    });
  }

  @SubscribeMessage('summit.unsubscribe')
  unsubscribe(@ConnectedSocket() client: Socket, @MessageBody() payload: unknown): Promise<Ack> {
    return acknowledge(this.logger, async () => {
      const { summitId } = await validated(SummitRoomDto, payload);
      const prefix = `summit:${summitId}`;
      for (const room of [...client.rooms].filter((r) => r === prefix || r.startsWith(`${prefix}:`))) await client.leave(room);
      return {};
    });
  }
}
