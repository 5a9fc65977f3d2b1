import type { ChatMessage, ChatRequests, ChatServerEvents } from '@plenary/chat-contract';
import { RealtimeConnection } from '../realtime/realtime-connection';

// The `/chat` namespace as docs/realtime.md describes it, typed by the contract
// the server uses too: every client event is acknowledged with
// `{ ok: true, ... }` or `{ ok: false, error }`.

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

/** One page's socket to `/chat` (token renewal and reconnection in realtime/realtime-connection.ts). */
export class ChatConnection {
  private readonly connection: RealtimeConnection<ChatServerEvents, ChatRequests>;

  constructor(handlers: ChatConnectionHandlers) {
    const connection = new RealtimeConnection<ChatServerEvents, ChatRequests>('/chat', handlers);
    connection.on('message.new', (message) => handlers.onMessage(message));
    connection.on('message.updated', (message) => handlers.onMessage(message));
    connection.on('typing', ({ channelId, userId }) => handlers.onTyping(channelId, userId));
    connection.on('channel.activity', (event) => handlers.onActivity(event));
    connection.on('mention.new', (event) => handlers.onMention(event));
    connection.on('chat.muted', (event) => handlers.onMuted(event));
    connection.on('channel.removed', ({ channelId }) => handlers.onChannelRemoved(channelId));
    connection.on('summit.removed', ({ summitId }) => handlers.onSummitRemoved(summitId));
    this.connection = connection;
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  /** Sends an event and resolves with its acknowledgement; a refusal or a lost acknowledgement rejects with an ApiError. */
  request<E extends keyof ChatRequests>(event: E, payload: ChatRequests[E]['payload']): Promise<ChatRequests[E]['answer']> {
    return this.connection.request(event, payload);
  }

  /** Tells the others in a channel that one is typing; dropped rather than queued while offline. */
  typing(channelId: string): void {
    this.connection.notify('typing', { channelId });
  }

  /** Stops the channel's events; offline there is nothing to leave, a new connection joins afresh. */
  leave(channelId: string): void {
    this.connection.notify('channel.leave', { channelId });
  }

  close(): void {
    this.connection.close();
  }
}
