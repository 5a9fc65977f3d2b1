import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule, Organisation, User } from '@plenary/identity';
import { Participation, SummitSession, SummitsModule } from '@plenary/summits';
import { Channel } from './channels/channel.entity';
import { ChannelsService } from './channels/channels.service';
import { ChatController } from './chat.controller';
import { ChatEvents } from './chat.events';
import { ChatGateway } from './chat.gateway';
import { ChatMute, Message, MessageRevision, ReadMarker } from './messages/message.entity';
import { MessagesService } from './messages/messages.service';

@Module({
  imports: [
    IdentityModule,
    SummitsModule,
    TypeOrmModule.forFeature([Channel, Message, MessageRevision, ReadMarker, ChatMute, SummitSession, Participation, Organisation, User]),
  ],
  controllers: [ChatController],
  providers: [ChannelsService, MessagesService, ChatEvents, ChatGateway],
  exports: [ChannelsService, MessagesService],
})
export class ChatModule {}
