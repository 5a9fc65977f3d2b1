import { Injectable } from '@nestjs/common';
import type { Namespace } from 'socket.io';
import type { LiveEventMap } from './live-events';

/** How other libs publish real-time events, without knowing the gateway. */
@Injectable()
export class LiveEventsService {
  private namespace: Namespace | null = null;

  attach(namespace: Namespace): void {
    this.namespace = namespace;
  }

  publish<E extends keyof LiveEventMap>(room: string, event: E, payload: LiveEventMap[E]): void {
    this.namespace?.to(room).emit(event, payload);
  }
}
