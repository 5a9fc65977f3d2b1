import { INestApplicationContext, Logger, WsMessageHandler } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { ErrorCode } from '@plenary/common';
import type { AppConfig } from '@plenary/config';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
import type { Namespace, Server, ServerOptions, Socket } from 'socket.io';
import { Adapter, SessionAwareAdapter } from 'socket.io-adapter';
import { ConnectionCounter } from './namespaces/connection-limits';
import { NamespaceListeners } from './namespaces/namespace-listeners';
import type { RealtimeGatewayOptions } from './namespaces/realtime-gateway.decorator';
import { RealtimeNamespaces } from './namespaces/realtime-namespaces.service';
import { RealtimeErrorCode } from './realtime.errors';

/** Connection attempts at start before giving up (about 3 s in all). */
const CONNECT_ATTEMPTS = 5;

/** The client's address as the HTTP API sees it: the first `X-Forwarded-For` hop behind a trusted proxy. */
function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

/**
 * The one Socket.IO server of a process: handshakes only from the configured
 * origins (against cross-site WebSocket hijacking), at most
 * `SOCKET_LIMIT_PER_ADDRESS` connections per client address, bounded message
 * size, connection-state recovery for the namespaces that replay missed
 * events (`RealtimeGateway`'s `missedEvents`), and with REDIS_URL the Redis
 * streams adapter so that several processes share rooms, broadcasts and
 * recovery.
 * The root namespace `/` admits nobody; every namespace a gateway declares is
 * set up by the real-time kit (`RealtimeNamespaces.serve`) as it is created,
 * so that none goes without authentication, limits and the access review.
 */
export class PlenaryIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private readonly listeners = new NamespaceListeners(this.logger);
  private redis: ReturnType<typeof createClient> | null = null;
  /** The namespaces whose clients resync through their own requests: their broadcasts are not kept for recovery. */
  private readonly resyncing = new Set<string>();

  constructor(
    private readonly app: INestApplicationContext,
    private readonly config: AppConfig,
  ) {
    super(app);
  }

  /** Connects to Redis when configured; call before the application listens. */
  async connect(): Promise<void> {
    const url = this.config.realtime.redisUrl;
    if (!url) return;
    let started = false;
    this.redis = createClient({
      url,
      socket: {
        // At start, a few attempts and then a clear failure, instead of waiting forever; once
        // started, reconnect for as long as it takes. A new Error, since the client recognises
        // one with instanceof, which fails for errors made in another realm (as under Jest).
        reconnectStrategy: (retries: number, cause: unknown) =>
          started || retries < CONNECT_ATTEMPTS ? Math.min(100 * 2 ** retries, 2000) : new Error(cause instanceof Error ? cause.message : String(cause)),
      },
    });
    this.redis.on('error', (error: Error) => this.logger.error(`Redis: ${error.message}`));
    try {
      await this.redis.connect();
    } catch (error) {
      this.redis = null;
      throw new Error(`Redis for Socket.IO is unreachable (REDIS_URL): ${error instanceof Error ? error.message : String(error)}`);
    }
    started = true;
    this.logger.log('Socket.IO shares rooms through Redis');
  }

  /** Nest asks for the server once, then for each gateway's namespace on it. */
  override create(port: number, options?: ServerOptions & Partial<RealtimeGatewayOptions> & { server?: Server }): Server {
    // Known before `of` creates the namespace, and with it the namespace's adapter.
    if (options?.namespace && options.missedEvents === 'resync') this.resyncing.add(options.namespace);
    const created = super.create(port, options) as Server | Namespace;
    if (options?.namespace) this.app.get(RealtimeNamespaces, { strict: false }).serve(created as Namespace);
    return created as Server;
  }

  /** A gateway's handlers on a new socket, through listeners shared by the namespace's sockets (`NamespaceListeners`). */
  override bindMessageHandlers(socket: Socket, handlers: WsMessageHandler[]): void {
    this.listeners.bind(socket, handlers);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.corsOrigins);
    const perAddress = new ConnectionCounter(this.config.realtime.connectionsPerAddress);
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.config.realtime.maxMessageBytes,
      cors: { origin: this.config.corsOrigins, credentials: true },
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        // A browser always sends Origin; a handshake from a page of another site is refused.
        const origin = req.headers.origin;
        if (origin !== undefined && !allowed.has(origin)) return callback('Origin not allowed', false);
        // A new connection (no session id yet) from an address that holds too many is refused.
        const opening = !new URL(req.url ?? '/', 'http://localhost').searchParams.has('sid');
        if (opening && !perAddress.hasRoom(clientAddress(req, this.config.trustProxy))) return callback(RealtimeErrorCode.TooManyConnections, false);
        callback(null, true);
      },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    }) as Server;
    server.engine.on('connection', (connection: { request: IncomingMessage; once(event: 'close', listener: () => void): void; close(): void }) => {
      const release = perAddress.take(clientAddress(connection.request, this.config.trustProxy));
      if (release) connection.once('close', release);
      else connection.close();
    });
    // The root namespace serves nothing: no anonymous or forged handshake gets a connection there.
    server.use((_socket, next) => next(Object.assign(new Error('Connect to a namespace such as /live or /chat'), { data: { code: ErrorCode.NotFound, message: 'Connect to a namespace such as /live or /chat' } })));
    server.adapter(this.namespaceAdapters());
    return server;
  }

  /**
   * The adapter of each namespace: in this process, or through Redis streams
   * with REDIS_URL; kept broadcasts and recovery sessions only where the
   * namespace replays missed events. Socket.IO calls it with `new`, which an
   * arrow function does not allow.
   */
  private namespaceAdapters(): (namespace: Namespace) => Adapter {
    const resyncing = this.resyncing;
    if (!this.redis) {
      return function namespaceAdapter(namespace: Namespace): Adapter {
        return resyncing.has(namespace.name) ? new Adapter(namespace) : new SessionAwareAdapter(namespace);
      };
    }
    const prefix = this.config.realtime.redisPrefix;
    // Recovery sessions live beside the stream, under the installation's prefix; a short blocking read lets a
    // closing process release Redis within a second.
    const shared = createAdapter(this.redis, { streamName: `${prefix}:socket.io`, sessionKeyPrefix: `${prefix}:session:`, blockTimeInMs: 1000 });
    return function namespaceAdapter(namespace: Namespace): Adapter {
      const adapter = shared(namespace);
      if (resyncing.has(namespace.name)) {
        // The stream carries every broadcast anyway; nothing is kept per session, and nobody is restored.
        adapter.persistSession = () => undefined;
        adapter.restoreSession = () => Promise.resolve(null) as unknown as ReturnType<Adapter['restoreSession']>;
      }
      return adapter;
    };
  }

  /** Called once when the application closes: the Redis connection is closed after its pending replies. */
  override async dispose(): Promise<void> {
    await super.dispose();
    const redis = this.redis;
    this.redis = null;
    if (!redis?.isOpen) return;
    try {
      await redis.quit();
    } catch (error) {
      this.logger.warn(`Redis connection closed with an error: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
