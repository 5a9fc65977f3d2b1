import { ErrorCode } from '@plenary/common';
import type { Socket } from 'socket.io';
import type { Ack } from '../contracts/realtime-events';
import { RealtimeErrorCode } from '../realtime.errors';

/**
 * Every incoming event of a socket passes here first: beyond the socket's
 * rate (a token bucket of `eventsPerSecond`, bursts of twice that) or with no
 * handler, it is answered with an error acknowledgement and goes no further.
 */
export function guardEvents(socket: Socket, eventsPerSecond: number): void {
  const capacity = eventsPerSecond * 2;
  let tokens = capacity;
  let refilledAt = Date.now();
  socket.use(([event, ...args], next) => {
    const ack = args[args.length - 1];
    const refuse = (code: string, message: string) => {
      if (typeof ack === 'function') (ack as (answer: Ack) => void)({ ok: false, error: { code, message } });
    };
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - refilledAt) / 1000) * eventsPerSecond);
    refilledAt = now;
    if (tokens < 1) return refuse(ErrorCode.RateLimited, `Too many events: at most ${eventsPerSecond} per second`);
    tokens -= 1;
    if (socket.listeners(String(event)).length === 0) return refuse(RealtimeErrorCode.UnknownEvent, `Unknown event ${String(event).slice(0, 64)}`);
    next();
  });
}
