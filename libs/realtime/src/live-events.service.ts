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

  /** Emits to everyone in the rooms given (each socket once). */
  publish<E extends keyof LiveEventMap>(rooms: string | string[], event: E, payload: LiveEventMap[E]): void {
    this.namespace?.to(rooms).emit(event, payload);
  }
}
