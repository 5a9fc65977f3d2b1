import { OnGatewayInit } from '@nestjs/websockets';
import { DomainError, ErrorCode } from '@plenary/common';
import type { Principal } from '@plenary/identity';
import { RealtimeGateway, RequestListeners, RoomKinds, socketRequests } from '@plenary/realtime';
import { IsUUID } from 'class-validator';
import type { Namespace, Socket } from 'socket.io';
import type { LiveRequests, LiveServerEvents } from '../contracts/live-events';
import { PresenceService } from './presence.service';
import { summitRooms } from './summit-rooms';

export class SummitRefDto {
  @IsUUID()
  summitId: string;
}

type LiveSocket = Socket<RequestListeners<LiveRequests>, LiveServerEvents, object, { principal: Principal }>;
const LiveRequest = socketRequests<LiveRequests, LiveSocket>();

/**
 * The `/live` namespace: agenda and speakers-list updates and presence for the
 * summits a client follows; a briefly lost connection gets the updates it
 * missed replayed.
 */
@RealtimeGateway({ namespace: '/live', missedEvents: 'replay' })
export class LiveGateway implements OnGatewayInit {
  constructor(
    private readonly rooms: RoomKinds,
    private readonly presence: PresenceService,
  ) {}

  afterInit(namespace: Namespace): void {
    this.presence.follow(namespace);
  }

  @LiveRequest('summit.subscribe', SummitRefDto)
  async subscribe(socket: LiveSocket, { summitId }: SummitRefDto): Promise<{ room: string }> {
    return { room: await this.rooms.enter(socket, summitRooms, summitId) };
  }

  @LiveRequest('summit.unsubscribe', SummitRefDto)
  async unsubscribe(socket: LiveSocket, { summitId }: SummitRefDto): Promise<object> {
    await this.rooms.leave(socket, summitRooms, summitId);
    return {};
  }

  @LiveRequest('presence.list', SummitRefDto)
  async presenceList(socket: LiveSocket, { summitId }: SummitRefDto): Promise<{ online: LiveRequests['presence.list']['answer']['online'] }> {
    if (!socket.rooms.has(summitRooms.of(summitId))) throw new DomainError(ErrorCode.Forbidden, 'Subscribe to the summit first');
    return { online: await this.presence.online(summitId) };
  }
}
