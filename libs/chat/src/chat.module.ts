import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@plenary/identity';
import { RealtimeModule, RoomKinds } from '@plenary/realtime';
import { SummitsModule } from '@plenary/summits';
import { Channel } from './channels/channel.entity';
import { ChannelRoomKind } from './channels/channel-rooms';
import { ChannelsService } from './channels/channels.service';
import { ChatController } from './chat.controller';
import { ChatEventsService } from './chat-events.service';
import { ChatGateway } from './chat.gateway';
import { ChatMute, Mention, Message, MessageRevision, ReadMarker } from './messages/message.entity';
import { MessagesService } from './messages/messages.service';

@Module({
  imports: [
    IdentityModule,
    SummitsModule,
    RealtimeModule,
    TypeOrmModule.forFeature([Channel, Message, MessageRevision, ReadMarker, ChatMute, Mention]),
  ],
  controllers: [ChatController],
  providers: [ChannelsService, MessagesService, ChatEventsService, ChannelRoomKind, ChatGateway],
  exports: [ChannelsService, MessagesService],
})
export class ChatModule implements OnModuleInit {
  constructor(
    private readonly rooms: RoomKinds,
    private readonly channelRoom: ChannelRoomKind,
  ) {}

  onModuleInit(): void {
    this.rooms.register(this.channelRoom);
  }
}
