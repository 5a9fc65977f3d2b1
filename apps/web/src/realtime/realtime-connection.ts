import type { Ack, RealtimeServerEvents, SocketRequests } from '@plenary/realtime-contract';
import { io, type Socket } from 'socket.io-client';
import { ApiError, currentAccessToken, renewAccessToken } from '../api';

// The one way the web client opens a Socket.IO namespace (`/live`, `/chat`):
// same origin, WebSocket only, the access token read at every handshake and
// renewed when the server refuses or ends a connection for it, every request
// acknowledged (docs/realtime.md).

/** How long an event may wait for its acknowledgement before it counts as lost. */
const ackTimeoutMs = 10_000;

/** Renewals in a row after which a refused connection is taken as final rather than tried again. */
const maxRenewals = 3;

export interface ConnectionHandlers {
  /** Each time the socket connects, the first time and after every loss: subscribe, join and catch up here. */
  onConnect?(): void;
  onDisconnect?(): void;
  /** The server refused the connection for good, with its error code. */
  onRefused?(code: string): void;
}

/** Listeners for what a namespace's server sends, as its contract names them. */
type Listeners<E> = { [K in keyof E]: E[K] extends (...args: infer A) => void ? (...args: A) => void : never };

type ClientEvents<R extends SocketRequests<R>> = {
  [E in keyof R]: (payload: R[E]['payload'], ack: (answer: Ack<R[E]['answer']>) => void) => void;
};

/**
 * A socket to one namespace, typed by its contract: `E` the events the
 * server sends, `R` the requests a client may send with their answers.
 */
export class RealtimeConnection<E extends RealtimeServerEvents, R extends SocketRequests<R>> {
  private readonly socket: Socket;
  private renewal: Promise<string | null> | null = null;
  private renewals = 0;
  private closed = false;

  constructor(namespace: string, handlers: ConnectionHandlers = {}) {
    this.socket = io(namespace, { auth: (send) => send({ token: currentAccessToken() }), transports: ['websocket'] });
    this.socket.on('connect', () => {
      this.renewals = 0;
      handlers.onConnect?.();
    });
    this.socket.on('disconnect', (reason) => {
      handlers.onDisconnect?.();
      // The client reconnects by itself after a network loss, but not when the server ended the connection.
      if (reason === 'io server disconnect') void this.reconnectWithNewToken(handlers);
    });
    this.socket.on('connect_error', (error) => {
      // While `active`, the failure was the network's and the client is already trying again.
      if (this.socket.active) return;
      const code = (error as Error & { data?: { code?: string } }).data?.code ?? 'UNKNOWN';
      if (code === 'UNAUTHENTICATED') void this.reconnectWithNewToken(handlers);
      else handlers.onRefused?.(code);
    });
    // Start renewing at once; the disconnection that follows waits for the same renewal and reports its
    // failure. A sign-in that was ended cannot be renewed: the api module then sends the app to sign-in.
    const renewEarly = () => void this.renew().catch(() => null);
    this.socket.on('session.expired', renewEarly);
    this.socket.on('session.ended', renewEarly);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Listens to one of the namespace's server events. */
  on<K extends Exclude<keyof E, keyof RealtimeServerEvents> & string>(event: K, listener: Listeners<E>[K]): void {
    // Socket.IO's own generics cannot follow a generic event name; this method's signature holds the types.
    (this.socket as unknown as { on(event: string, listener: (...args: never[]) => void): void }).on(event, listener as (...args: never[]) => void);
  }

  /** Sends a request and resolves with its acknowledgement; a refusal or a lost acknowledgement rejects with an ApiError. */
  async request<K extends keyof R & string>(event: K, payload: R[K]['payload']): Promise<R[K]['answer']> {
    let ack: Ack<R[K]['answer']>;
    try {
      const socket = this.socket.timeout(ackTimeoutMs) as Socket<never, ClientEvents<R>> as unknown as Socket;
      ack = (await socket.emitWithAck(event, payload)) as Ack<R[K]['answer']>;
    } catch (cause) {
      throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
    }
    if (!ack.ok) throw new ApiError(0, ack.error.code, ack.error.message);
    return ack;
  }

  /** Sends a request whose answer nobody waits for, dropped rather than queued while offline (typing, leaving). */
  notify<K extends keyof R & string>(event: K, payload: R[K]['payload']): void {
    this.socket.volatile.emit(event, payload);
  }

  close(): void {
    this.closed = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  private renew(): Promise<string | null> {
    this.renewal ??= renewAccessToken().finally(() => {
      this.renewal = null;
    });
    return this.renewal;
  }

  private async reconnectWithNewToken(handlers: ConnectionHandlers): Promise<void> {
    if (++this.renewals > maxRenewals) {
      handlers.onRefused?.('UNAUTHENTICATED');
      return;
    }
    let token: string | null;
    try {
      token = await this.renew();
    } catch (error) {
      console.error('The access token could not be renewed for a live connection', error);
      handlers.onRefused?.('NETWORK');
      return;
    }
    // Without a token the session is over: the api module has already sent the app to the sign-in page.
    if (token && !this.closed && !this.socket.connected) this.socket.connect();
  }
}
