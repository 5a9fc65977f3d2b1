import { io, type Socket } from 'socket.io-client';
import type { ChatMessage, ChatRequests, ChatServerEvents } from '@plenary/chat-contract';
import type { Ack } from '@plenary/realtime-contract';
import { ApiError, currentAccessToken, renewAccessToken } from '../api';

// The `/chat` namespace as docs/realtime.md describes it, typed by the contract
// the server uses too: every client event is acknowledged with
// `{ ok: true, ... }` or `{ ok: false, error }`.

/** Events sent without waiting for their acknowledgement. */
export interface ChatNotices {
  'channel.leave': { channelId: string };
  typing: { channelId: string };
}

type ChatClientEvents = {
  [E in Exclude<keyof ChatRequests, keyof ChatNotices>]: (payload: ChatRequests[E]['payload'], ack: (answer: Ack<ChatRequests[E]['answer']>) => void) => void;
} & {
  [E in keyof ChatNotices]: (payload: ChatNotices[E]) => void;
};

/** How long an event may wait for its acknowledgement before it counts as lost. */
const ackTimeoutMs = 10_000;

/** Renewals in a row after which a refused connection is taken as final rather than tried again. */
const maxRenewals = 3;

export interface ChatConnectionHandlers {
  /** Each time the socket connects, the first time and after every loss: join and catch up here. */
  onConnect(): void;
  onDisconnect(): void;
  /** The server refused the connection for good, with its error code. */
  onRefused(code: string): void;
  onMessage(message: ChatMessage): void;
  onTyping(channelId: string, userId: string): void;
  /** A message in a channel of the followed summit that this socket has not joined. */
  onActivity(event: Parameters<ChatServerEvents['channel.activity']>[0]): void;
  /** Someone mentioned the reader. */
  onMention(event: Parameters<ChatServerEvents['mention.new']>[0]): void;
  /** The reader was muted in a summit's chat, or the mute was lifted. */
  onMuted(event: Parameters<ChatServerEvents['chat.muted']>[0]): void;
  /** The reader may no longer read the channel; the socket has already left it. */
  onChannelRemoved(channelId: string): void;
  /** The reader may no longer read the summit. */
  onSummitRemoved(summitId: string): void;
}

/**
 * One page's socket to `/chat`, same origin. The handshake reads the access
 * token at every attempt, so when the server refuses an expired token, or ends
 * a connection whose token expired, the token is renewed through the api
 * module and the next attempt carries the new one.
 */
export class ChatConnection {
  private readonly socket: Socket<ChatServerEvents, ChatClientEvents>;
  private renewal: Promise<string | null> | null = null;
  private renewals = 0;
  private closed = false;

  constructor(handlers: ChatConnectionHandlers) {
    this.socket = io('/chat', {
      auth: (send) => send({ token: currentAccessToken() }),
      transports: ['websocket'],
    });
    this.socket.on('connect', () => {
      this.renewals = 0;
      handlers.onConnect();
    });
    this.socket.on('disconnect', (reason) => {
      handlers.onDisconnect();
      // The client reconnects by itself after a network loss, but not when the server ended the connection.
      if (reason === 'io server disconnect') void this.reconnectWithNewToken(handlers);
    });
    this.socket.on('connect_error', (error) => {
      // While `active`, the failure was the network's and the client is already trying again.
      if (this.socket.active) return;
      const code = (error as Error & { data?: { code?: string } }).data?.code ?? 'UNKNOWN';
      if (code === 'UNAUTHENTICATED') void this.reconnectWithNewToken(handlers);
      else handlers.onRefused(code);
    });
    // Start renewing at once; the disconnection that follows waits for the same renewal and reports its
    // failure. A sign-in that was ended cannot be renewed: the api module then sends the app to sign-in.
    const renewEarly = () => void this.renew().catch(() => null);
    this.socket.on('session.expired', renewEarly);
    this.socket.on('session.ended', renewEarly);
    this.socket.on('message.new', (message) => handlers.onMessage(message));
    this.socket.on('message.updated', (message) => handlers.onMessage(message));
    this.socket.on('typing', ({ channelId, userId }) => handlers.onTyping(channelId, userId));
    this.socket.on('channel.activity', (event) => handlers.onActivity(event));
    this.socket.on('mention.new', (event) => handlers.onMention(event));
    this.socket.on('chat.muted', (event) => handlers.onMuted(event));
    this.socket.on('channel.removed', ({ channelId }) => handlers.onChannelRemoved(channelId));
    this.socket.on('summit.removed', ({ summitId }) => handlers.onSummitRemoved(summitId));
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Sends an event and resolves with its acknowledgement; a refusal or a lost acknowledgement rejects with an ApiError. */
  async request<E extends keyof ChatRequests>(event: E, payload: ChatRequests[E]['payload']): Promise<ChatRequests[E]['answer']> {
    let ack: Ack<ChatRequests[E]['answer']>;
    try {
      // TypeScript cannot follow the event map through a generic event name; this method's signature holds the types.
      const socket = this.socket.timeout(ackTimeoutMs) as unknown as Socket;
      ack = (await socket.emitWithAck(event, payload)) as Ack<ChatRequests[E]['answer']>;
    } catch (cause) {
      throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
    }
    if (!ack.ok) throw new ApiError(0, ack.error.code, ack.error.message);
    return ack;
  }

  /** Tells the others in a channel that one is typing; dropped rather than queued while offline. */
  typing(channelId: string): void {
    this.socket.volatile.emit('typing', { channelId });
  }

  /** Stops the channel's events; offline there is nothing to leave, a new connection joins afresh. */
  leave(channelId: string): void {
    this.socket.volatile.emit('channel.leave', { channelId });
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

  private async reconnectWithNewToken(handlers: ChatConnectionHandlers): Promise<void> {
    if (++this.renewals > maxRenewals) {
      handlers.onRefused('UNAUTHENTICATED');
      return;
    }
    let token: string | null;
    try {
      token = await this.renew();
    } catch (error) {
      console.error('The access token could not be renewed for the chat', error);
      handlers.onRefused('NETWORK');
      return;
    }
    // Without a token the session is over: the api module has already sent the app to the sign-in page.
    if (token && !this.closed && !this.socket.connected) this.socket.connect();
  }
}
