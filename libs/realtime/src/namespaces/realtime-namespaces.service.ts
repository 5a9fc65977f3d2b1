import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@plenary/common';
import { APP_CONFIG, AppConfig } from '@plenary/config';
import { AuthService, Principal } from '@plenary/identity';
import type { Namespace, Socket } from 'socket.io';
import { AccessReviewService } from '../access-review.service';
import type { ServerEvents, SocketError } from '../contracts/realtime-events';
import { RealtimeErrorCode } from '../realtime.errors';
import { personRooms } from '../rooms/person-rooms';
import { failure } from '../socket-payload';
import { ConnectionCounter } from './connection-limits';
import { guardEvents } from './event-guard';

/**
 * Sends a namespace's events, typed by its contract: what a lib's events
 * service uses, so that services publish without knowing the gateway.
 */
export class Publisher<E extends ServerEvents<E>> {
  constructor(private readonly namespace: () => Namespace | undefined) {}

  /** Sends to everyone in the rooms (each socket once), except the sockets also in `except`. */
  emit<K extends keyof E & string>(rooms: string | string[], event: K, payload: Parameters<E[K]>[0], except: string | string[] = []): void {
    this.namespace()?.to(rooms).except(except).emit(event, payload);
  }
}

/** Seconds since the epoch at which a (verified) JWT expires. */
function expiryOf(token: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp : null;
  } catch {
    return null;
  }
}

/** A refusal as `connect_error` carries it to the client: its `data` is `{ code, message }`. */
function refusal(error: SocketError): Error {
  return Object.assign(new Error(error.message), { data: error });
}

/**
 * The real-time kit: what every Socket.IO namespace gets, set up in one place
 * so that no namespace can leave part of it out. The adapter serves every
 * gateway's namespace through `serve` as Nest creates it:
 *
 * - handshakes authenticated with the REST API's access token
 *   (`auth: { token }`) before the connection exists, and connections ended
 *   when that token expires;
 * - at most `SOCKET_LIMIT_PER_USER` sockets per person on this process;
 * - each socket in its person's rooms (`user:<id>`, `sign-in:<id>`);
 * - a rate limit and an error acknowledgement for unknown events on every
 *   incoming event;
 * - the access review of every room it holds, and guarded recovery;
 * - a typed publisher for the lib's events service.
 *
 * (The origin check, the message size and the per-address limit are the
 * server's, in `PlenaryIoAdapter`.)
 */
@Injectable()
export class RealtimeNamespaces {
  private readonly logger = new Logger('Realtime');
  private readonly served = new Map<string, Namespace>();
  private readonly perUser: ConnectionCounter;

  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly review: AccessReviewService,
  ) {
    this.perUser = new ConnectionCounter(config.realtime.socketsPerUser);
  }

  /** Sets a namespace up; once per namespace. */
  serve(namespace: Namespace): void {
    if (this.served.has(namespace.name)) return;
    this.served.set(namespace.name, namespace);
    namespace.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(refusal(failure(error, this.logger).error)),
      );
    });
    namespace.on('connection', (socket: Socket) => this.admit(socket));
    this.review.watch(namespace);
  }

  /** The names of the namespaces served, in the order Nest created them. */
  namespaceNames(): string[] {
    return [...this.served.keys()];
  }

  /** The sockets in the rooms of the namespace `name`, on every server process. */
  async socketsIn(name: string, rooms: string | string[]): Promise<{ data: { principal?: Principal }; rooms: Set<string> }[]> {
    const namespace = this.served.get(name);
    return namespace ? namespace.in(rooms).fetchSockets() : [];
  }

  /** Typed publishing into the namespace `name`; nothing is sent before it is served. */
  publisher<E extends ServerEvents<E>>(name: string): Publisher<E> {
    return new Publisher<E>(() => this.served.get(name));
  }

  private async authenticate(socket: Socket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    const token = auth?.token;
    if (typeof token !== 'string') throw new DomainError(ErrorCode.Unauthenticated, 'An access token is required');
    // Read once: the socket keeps no copy of the credential, which would otherwise also travel with it to other processes (`fetchSockets`).
    delete auth!.token;
    const principal = await this.auth.principalFromToken(token);
    // A recovered connection comes back with its earlier data: it must be the same person's.
    const restored = socket.recovered ? (socket.data as { principal?: Principal }).principal : undefined;
    if (restored && restored.userId !== principal.userId) throw new DomainError(ErrorCode.Unauthenticated, 'This connection belongs to someone else');
    if (!this.perUser.hasRoom(principal.userId)) throw this.tooMany();
    socket.data.principal = principal;
    const exp = expiryOf(token);
    if (exp === null) return;
    const timer = setTimeout(() => {
      socket.emit('session.expired', { code: RealtimeErrorCode.TokenExpired, message: 'The access token has expired; refresh it and reconnect' });
      socket.disconnect(true);
    }, Math.max(0, exp * 1000 - Date.now()));
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  private admit(socket: Socket): void {
    const principal = socket.data.principal as Principal;
    // The handshake checked for room; handshakes that were in flight together are counted here, one at a time.
    const release = this.perUser.take(principal.userId);
    if (!release) {
      this.logger.warn(`A connection of user ${principal.userId} was closed: ${this.config.realtime.socketsPerUser} already open`);
      socket.disconnect(true);
      return;
    }
    socket.once('disconnect', release);
    void socket.join([personRooms.user.of(principal.userId), personRooms.signIn.of(principal.sessionId)]);
    guardEvents(socket, this.config.realtime.eventsPerSecond);
  }

  private tooMany(): DomainError {
    return new DomainError(RealtimeErrorCode.TooManyConnections, `At most ${this.config.realtime.socketsPerUser} connections per person are open at once; close some tabs`);
  }
}
