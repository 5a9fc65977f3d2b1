import { Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@plenary/common';
import type { AuthService, Principal } from '@plenary/identity';
import type { Namespace, Socket } from 'socket.io';
import { RealtimeErrorCode } from './realtime.errors';
import { failure } from './socket-payload';

/** Seconds since the epoch at which a (verified) JWT expires. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

/** Rooms every authenticated socket is in, for reaching a person's or a sign-in session's connections. */
export const principalRooms = {
  user: (userId: string) => `user:${userId}`,
  signIn: (sessionId: string) => `sign-in:${sessionId}`,
};

export function principalOf(socket: Socket): Principal {
  return socket.data.principal as Principal;
}

/**
 * Authenticates every handshake of a namespace with the REST API's access
 * token (`auth: { token }`), before the connection exists: a refused client
 * gets `connect_error` whose `data` is `{ code, message }`. A connection ends
 * when its token expires; the client refreshes the token and reconnects.
 */
export function authenticateNamespace(namespace: Namespace, auth: AuthService, logger: Logger, eventsPerSecond = 20): void {
  namespace.on('connection', (socket: Socket) => {
    const principal = principalOf(socket);
    void socket.join([principalRooms.user(principal.userId), principalRooms.signIn(principal.sessionId)]);
    guardEvents(socket, eventsPerSecond);
  });
  namespace.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const verified = typeof token === 'string' ? auth.principalFromToken(token) : Promise.reject(new DomainError(ErrorCode.Unauthenticated, 'An access token is required'));
    // A recovered connection comes back with its earlier data: it must be the same person's.
    const restored = socket.recovered ? (socket.data as { principal?: Principal }).principal : undefined;
    verified.then(
      (principal) => {
        if (restored && restored.userId !== principal.userId) {
          next(Object.assign(new Error('This connection belongs to someone else'), { data: { code: ErrorCode.Unauthenticated, message: 'This connection belongs to someone else' } }));
          return;
        }
        socket.data.principal = principal;
        const exp = expiryOf(token as string);
        if (exp !== null) {
          const timer = setTimeout(() => {
            socket.emit('session.expired', { code: RealtimeErrorCode.TokenExpired, message: 'The access token has expired; refresh it and reconnect' });
            socket.disconnect(true);
          }, Math.max(0, exp * 1000 - Date.now()));
          timer.unref();
          socket.once('disconnect', () => clearTimeout(timer));
        }
        next();
      },
      (error: unknown) => {
        const refusal = failure(error, logger).error;
        next(Object.assign(new Error(refusal.message), { data: refusal }));
      },
    );
  });
}

/**
 * Every incoming event of a socket passes here first: beyond the socket's
 * rate (a token bucket of `eventsPerSecond`, bursts of twice that) or with no
 * handler, it is answered with an error acknowledgement and goes no further.
 */
function guardEvents(socket: Socket, eventsPerSecond: number): void {
  const capacity = eventsPerSecond * 2;
  let tokens = capacity;
  let refilledAt = Date.now();
  socket.use(([event, ...args], next) => {
    const ack = args[args.length - 1];
    const refuse = (code: string, message: string) => {
      if (typeof ack === 'function') (ack as (answer: unknown) => void)({ ok: false, error: { code, message } });
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
