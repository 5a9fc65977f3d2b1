import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { MessageDto } from './messages/message.dto';

/** Broadcasts of the `/chat` namespace, used by the gateway and the REST routes alike. */
@Injectable()
export class ChatEvents {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  messageNew(message: MessageDto): void {
    this.namespace?.to(`channel:${message.channelId}`).emit('message.new', message);
  }

  messageUpdated(message: MessageDto): void {
    this.namespace?.to(`channel:${message.channelId}`).emit('message.updated', message);
  }
}
