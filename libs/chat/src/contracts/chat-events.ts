/**
 * The `/chat` namespace's contract, shared by the server, the web client and
 * the tests (docs/realtime.md): what the server sends, and each event a
 * client sends with its payload and what a successful acknowledgement
 * carries. Types only, so that the browser build can import it.
 */
import type { RealtimeServerEvents } from '@plenary/realtime-contract';

export type ChatChannelKind = 'lobby' | 'session' | 'delegation' | 'direct';

export interface ChatMessage {
  id: string;
  channelId: string;
  /** 1, 2, 3… per channel, assigned by the server: a gap means something was missed. */
  sequence: number;
  /** The channel's revision at this message's latest change (sent, edited, deleted, pinned). */
  revision: number;
  clientMessageId: string;
  authorId: string;
  /** Empty once deleted. */
  body: string;
  replyToId: string | null;
  mentions: { userIds: string[]; organisationIds: string[] };
  pinned: boolean;
  editedAt: string | null;
  deletedAt: string | null;
  createdAt: string;
}

export interface ChatChannel {
  id: string;
  summitId: string;
  kind: ChatChannelKind;
  title: string;
  sessionId: string | null;
  organisationId: string | null;
  memberIds: string[];
  lastSequence: number;
  lastRevision: number;
  lastReadSequence: number;
  unread: number;
  unreadMentions: number;
}

/** A mute in force in a summit's chat. */
export interface ChatMuteView {
  userId: string;
  /** Null: until lifted. */
  until: string | null;
  mutedById: string;
  createdAt: string;
}

/** What the server sends on `/chat`. */
export interface ChatServerEvents extends RealtimeServerEvents {
  'message.new': (message: ChatMessage) => void;
  /** A message after an edit, a deletion (body emptied, `deletedAt` set) or a pin. */
  'message.updated': (message: ChatMessage) => void;
  /** A new message in a channel of a followed summit that this socket has not joined: enough for an unread badge. */
  'channel.activity': (event: { summitId: string; channelId: string; lastSequence: number; authorId: string }) => void;
  /** Someone mentioned the user, by name or through their delegation. */
  'mention.new': (event: { summitId: string; channelId: string; messageId: string; sequence: number; authorId: string }) => void;
  /** The chair or secretariat muted the user in a summit's chat (again: a new end), or lifted the mute (`mute: null`). */
  'chat.muted': (event: { summitId: string; mute: ChatMuteView | null }) => void;
  /** The user may no longer read this channel; the socket has left it. */
  'channel.removed': (event: { channelId: string }) => void;
  /** The user may no longer read this summit; the socket has left its rooms. */
  'summit.removed': (event: { summitId: string }) => void;
  typing: (event: { channelId: string; userId: string }) => void;
}

export interface HistoryQuery {
  /** Messages with a sequence below this, newest page, in sequence order. */
  before?: number;
  /** Messages with a sequence above this, in sequence order. */
  after?: number;
  /** Messages sent, edited, deleted or (un)pinned after this revision, in revision order. */
  changedSince?: number;
  limit?: number;
}

/** Each event a client sends on `/chat`, with its payload and what a successful acknowledgement carries. */
export interface ChatRequests {
  'summit.follow': { payload: { summitId: string }; answer: { channels: ChatChannel[]; mute: ChatMuteView | null } };
  'summit.unfollow': { payload: { summitId: string }; answer: object };
  'channel.join': { payload: { channelId: string }; answer: { channel: ChatChannel } };
  'channel.leave': { payload: { channelId: string }; answer: object };
  'message.send': {
    payload: { channelId: string; clientMessageId: string; body: string; replyToId?: string; mentions?: { userIds: string[]; organisationIds: string[] } };
    answer: { message: ChatMessage; duplicate: boolean };
  };
  'message.edit': { payload: { messageId: string; body: string }; answer: { message: ChatMessage } };
  'message.delete': { payload: { messageId: string }; answer: { message: ChatMessage } };
  'message.pin': { payload: { messageId: string; pinned: boolean }; answer: { message: ChatMessage } };
  history: { payload: { channelId: string } & HistoryQuery; answer: { messages: ChatMessage[] } };
  read: { payload: { channelId: string; sequence: number }; answer: { lastReadSequence: number } };
  typing: { payload: { channelId: string }; answer: object };
}
