import { INestApplicationContext, Logger } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { AppConfig } from '@plenary/config';
import type { IncomingMessage } from 'node:http';
import { createClient } from 'redis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * The one Socket.IO server of a process: handshakes only from the configured
 * origins (against cross-site WebSocket hijacking), bounded message size,
 * connection-state recovery, and with REDIS_URL the Redis streams adapter so
 * that several processes share rooms, broadcasts and recovery.
 */
/** Connection attempts at start before giving up (about 3 s in all). */
const CONNECT_ATTEMPTS = 5;

export class PlenaryIoAdapter extends IoAdapter {
  private readonly logger = new Logger('Realtime');
  private redis: ReturnType<typeof createClient> | null = null;

  constructor(
    app: INestApplicationContext,
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

  override createIOServer(port: number, options?: ServerOptions): Server {
    const allowed = new Set(this.config.corsOrigins);
    const server = super.createIOServer(port, {
      ...options,
      maxHttpBufferSize: this.config.realtime.maxMessageBytes,
      cors: { origin: this.config.corsOrigins, credentials: true },
      // A browser always sends Origin; a handshake from a page of another site is refused.
      allowRequest: (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void) => {
        const origin = req.headers.origin;
        callback(null, origin === undefined || allowed.has(origin));
      },
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    }) as Server;
    // A short blocking read lets a closing process release Redis within a second.
    if (this.redis) {
      const prefix = this.config.realtime.redisPrefix;
      // Connection-state recovery sessions live beside the stream, under the installation's prefix.
      server.adapter(createAdapter(this.redis, { streamName: `${prefix}:socket.io`, sessionKeyPrefix: `${prefix}:session:`, blockTimeInMs: 1000 }));
    }
    return server;
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
