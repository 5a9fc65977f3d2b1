import type { ChatChannel, ChatMessage } from '../api';

/** The people and delegations a message names, as `message.send` carries them. */
export interface Mentions {
  userIds: string[];
  organisationIds: string[];
}

/** A message of one's own on its way to the server, shown until the server acknowledges it with its sequence. */
export interface PendingMessage {
  clientMessageId: string;
  channelId: string;
  body: string;
  replyToId: string | null;
  mentions: Mentions;
  createdAt: string;
  /** Why the server refused it; null while it is on its way or waiting for the connection to come back. */
  failure: unknown;
}

/** The messages of one channel the page holds, by ascending sequence, without duplicates. */
export interface ChannelLog {
  messages: ChatMessage[];
  /** The newest messages have been read from the server at least once. */
  loaded: boolean;
}

/**
 * The pinned messages of one channel, by ascending sequence. Pins change while
 * the list is being read: what was heard meanwhile is kept and applied to the
 * answer, by revision, so that a stale answer never brings back a pin.
 */
export interface ChannelPins {
  messages: ChatMessage[];
  /** The list has been read from the server at least once. */
  loaded: boolean;
  /** While the list is being read: the latest state of each message heard since it was asked for. */
  heard: ChatMessage[] | null;
}

export interface ChatState {
  logs: Record<string, ChannelLog>;
  pins: Record<string, ChannelPins>;
  pending: PendingMessage[];
}

export type ChatAction =
  /** Messages from an event, an acknowledgement or a history page; the own pending ones they confirm are dropped. */
  | { type: 'received'; channelId: string; messages: ChatMessage[]; selfId: string }
  /** The newest page of a channel; with `reset`, what was held before it is dropped, as too much was missed in between. */
  | { type: 'loaded'; channelId: string; messages: ChatMessage[]; reset: boolean; selfId: string }
  /**
   * What changed since a revision, after a reconnection: changes to messages
   * older than the oldest held are left for when earlier messages are shown, so
   * that the log stays without holes.
   */
  | { type: 'caughtUp'; channelId: string; messages: ChatMessage[]; selfId: string }
  /** The channel's pins are being read: what is heard from now on outweighs the answer when later. */
  | { type: 'pinsRequested'; channelId: string }
  /** The channel's pinned messages as the server listed them. */
  | { type: 'pinsLoaded'; channelId: string; messages: ChatMessage[] }
  | { type: 'queued'; pending: PendingMessage }
  | { type: 'refused'; clientMessageId: string; failure: unknown }
  | { type: 'retried'; clientMessageId: string }
  | { type: 'discarded'; clientMessageId: string };

export const emptyChat: ChatState = { logs: {}, pins: {}, pending: [] };

const emptyLog: ChannelLog = { messages: [], loaded: false };

const noPins: ChannelPins = { messages: [], loaded: false, heard: null };

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'received':
    case 'loaded':
    case 'caughtUp': {
      const log = state.logs[action.channelId] ?? emptyLog;
      const newest = action.messages.at(-1)?.sequence ?? 0;
      const kept = action.type === 'loaded' && action.reset ? log.messages.filter((message) => message.sequence > newest) : log.messages;
      const oldest = oldestSequence(log);
      const incoming =
        action.type === 'caughtUp' && oldest > 0
          ? action.messages.filter((message) => message.sequence >= oldest)
          : action.type === 'received' && log.loaded
            ? withoutHoles(action.messages, oldest)
            : action.messages;
      const messages = merge(kept, incoming);
      const loaded = log.loaded || action.type === 'loaded';
      const confirmed = new Set(action.messages.filter((message) => message.authorId === action.selfId).map((message) => message.clientMessageId));
      const waiting = state.pending.filter((item) => !confirmed.has(item.clientMessageId));
      const pending = waiting.length === state.pending.length ? state.pending : waiting;
      // Every message heard says whether it is pinned, older ones than the log holds included.
      const pins = hearPins(state.pins, action.channelId, action.messages);
      if (messages === log.messages && loaded === log.loaded && pending === state.pending && pins === state.pins) return state;
      const logs = messages === log.messages && loaded === log.loaded ? state.logs : { ...state.logs, [action.channelId]: { messages, loaded } };
      return { ...state, logs, pins, pending };
    }
    case 'pinsRequested': {
      const pins = state.pins[action.channelId] ?? noPins;
      return { ...state, pins: { ...state.pins, [action.channelId]: { ...pins, heard: [] } } };
    }
    case 'pinsLoaded': {
      const heard = state.pins[action.channelId]?.heard ?? [];
      const messages = applyPins(
        action.messages.filter((message) => message.pinned && !message.deletedAt),
        heard,
      );
      return { ...state, pins: { ...state.pins, [action.channelId]: { messages, loaded: true, heard: null } } };
    }
    case 'queued':
      return { ...state, pending: [...state.pending, action.pending] };
    case 'refused':
      return updatePending(state, action.clientMessageId, (item) => ({ ...item, failure: action.failure }));
    case 'retried':
      return updatePending(state, action.clientMessageId, (item) => ({ ...item, failure: null }));
    case 'discarded':
      return { ...state, pending: state.pending.filter((item) => item.clientMessageId !== action.clientMessageId) };
  }
}

/**
 * Messages heard for a log, less those older than the oldest held that would
 * leave a hole, such as an old message unpinned from the pinned list: below
 * the oldest held, only a run of sequences reaching down from it is added, as
 * a page of earlier messages is.
 */
function withoutHoles(messages: ChatMessage[], oldest: number): ChatMessage[] {
  if (oldest === 0 || messages.every((message) => message.sequence >= oldest)) return messages;
  const earlier = new Set(messages.filter((message) => message.sequence < oldest).map((message) => message.sequence));
  let reached = oldest;
  while (earlier.has(reached - 1)) reached--;
  return messages.filter((message) => message.sequence >= reached);
}

/** The channel's pins after hearing of some of its messages; the same object when nothing changed. */
function hearPins(all: Record<string, ChannelPins>, channelId: string, incoming: ChatMessage[]): Record<string, ChannelPins> {
  const pins = all[channelId];
  if (!pins || incoming.length === 0) return all;
  const messages = applyPins(pins.messages, incoming);
  const heard = pins.heard ? latestStates(pins.heard, incoming) : null;
  if (messages === pins.messages && heard === pins.heard) return all;
  return { ...all, [channelId]: { ...pins, messages, heard } };
}

/**
 * Pinned messages after later states of some messages: a message pinned (and
 * not deleted) is listed, any other is taken off. A state no later than the
 * one held changes nothing. Unchanged input gives back the same array.
 */
export function applyPins(pinned: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  let result = pinned;
  for (const message of incoming) {
    const known = result.find((held) => held.id === message.id);
    if (known && !isLaterState(message, known)) continue;
    const listed = message.pinned && !message.deletedAt;
    if (!known && !listed) continue;
    const others = result.filter((held) => held.id !== message.id);
    result = listed ? [...others, message].sort((a, b) => a.sequence - b.sequence) : others;
  }
  return result;
}

/** The latest state of each message among those held and those incoming. */
function latestStates(held: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const byId = new Map(held.map((message) => [message.id, message]));
  for (const message of incoming) {
    const known = byId.get(message.id);
    if (!known || isLaterState(message, known)) byId.set(message.id, message);
  }
  return [...byId.values()];
}

function updatePending(state: ChatState, clientMessageId: string, change: (item: PendingMessage) => PendingMessage): ChatState {
  if (!state.pending.some((item) => item.clientMessageId === clientMessageId)) return state;
  return { ...state, pending: state.pending.map((item) => (item.clientMessageId === clientMessageId ? change(item) : item)) };
}

/** Adds messages by sequence; a message already held is replaced only by a later state of it. Unchanged input gives back the same array. */
export function merge(held: ChatMessage[], incoming: ChatMessage[]): ChatMessage[] {
  const bySequence = new Map(held.map((message) => [message.sequence, message]));
  let changed = false;
  for (const message of incoming) {
    const known = bySequence.get(message.sequence);
    if (known && !isLaterState(message, known)) continue;
    bySequence.set(message.sequence, message);
    changed = true;
  }
  return changed ? [...bySequence.values()].sort((a, b) => a.sequence - b.sequence) : held;
}

/**
 * Whether `candidate` is a later state of the message than `known`, so that a
 * replayed event never brings back the text of an edited or deleted message:
 * every change (edit, deletion, pin) gives the message the channel's next revision.
 */
function isLaterState(candidate: ChatMessage, known: ChatMessage): boolean {
  return candidate.revision > known.revision;
}

/** The sequence of the newest message held for a channel, 0 when none. */
export function newestSequence(log: ChannelLog | undefined): number {
  return log?.messages.at(-1)?.sequence ?? 0;
}

/** The channel revision of the latest change held for a channel, 0 when none: what came after it is what was missed. */
export function newestRevision(log: ChannelLog | undefined): number {
  return log?.messages.reduce((newest, message) => Math.max(newest, message.revision), 0) ?? 0;
}

/** The sequence of the oldest message held for a channel, 0 when none. */
export function oldestSequence(log: ChannelLog | undefined): number {
  return log?.messages[0]?.sequence ?? 0;
}

/**
 * The channels of the followed summit, kept up to date by the `/chat` events:
 * null until the first `summit.follow` answers.
 */
export interface ChannelsState {
  list: ChatChannel[] | null;
  /** Mentions heard live per channel, by message id with their sequence: an event heard twice counts once. */
  heard: Record<string, Record<string, number>>;
}

export type ChannelsAction =
  /** The summit's channels as `summit.follow` answers, after every (re)connection. */
  | { type: 'followed'; channels: ChatChannel[] }
  /** A channel as `channel.join` answers, or one just opened. */
  | { type: 'joined'; channel: ChatChannel }
  | { type: 'activity'; channelId: string; lastSequence: number }
  | { type: 'mentioned'; channelId: string; messageId: string; sequence: number }
  | { type: 'read'; channelId: string; sequence: number }
  | { type: 'removed'; channelId: string }
  | { type: 'summitRemoved' };

export const noChannels: ChannelsState = { list: null, heard: {} };

export function channelsReducer(state: ChannelsState, action: ChannelsAction): ChannelsState {
  switch (action.type) {
    case 'followed':
      // The server's counts include every mention heard so far.
      return { list: action.channels, heard: {} };
    case 'joined': {
      const { channel } = action;
      const list = state.list ?? [];
      const known = list.find((listed) => listed.id === channel.id);
      const updated = { ...channel, lastSequence: Math.max(channel.lastSequence, known?.lastSequence ?? 0) };
      const heard = { ...state.heard };
      delete heard[channel.id];
      return { list: known ? list.map((listed) => (listed.id === channel.id ? updated : listed)) : [...list, updated], heard };
    }
    case 'activity':
      return updateChannel(state, action.channelId, (channel) =>
        action.lastSequence > channel.lastSequence ? { ...channel, lastSequence: action.lastSequence } : channel,
      );
    case 'mentioned': {
      const channel = state.list?.find((listed) => listed.id === action.channelId);
      const heard = state.heard[action.channelId] ?? {};
      if (!channel || action.messageId in heard || action.sequence <= channel.lastReadSequence) return state;
      const next = updateChannel(state, action.channelId, (known) => ({
        ...known,
        lastSequence: Math.max(known.lastSequence, action.sequence),
        unreadMentions: known.unreadMentions + 1,
      }));
      return { ...next, heard: { ...state.heard, [action.channelId]: { ...heard, [action.messageId]: action.sequence } } };
    }
    case 'read': {
      const channel = state.list?.find((listed) => listed.id === action.channelId);
      if (!channel || action.sequence <= channel.lastReadSequence) return state;
      // The reader reads up to the newest message held, which the server's count of mentions never goes beyond:
      // only mentions heard since, of later messages, stay unread.
      const heard = Object.fromEntries(Object.entries(state.heard[action.channelId] ?? {}).filter(([, sequence]) => sequence > action.sequence));
      const next = updateChannel(state, action.channelId, (known) => ({
        ...known,
        lastReadSequence: action.sequence,
        unreadMentions: Object.keys(heard).length,
      }));
      return { ...next, heard: { ...state.heard, [action.channelId]: heard } };
    }
    case 'removed':
      if (!state.list?.some((listed) => listed.id === action.channelId)) return state;
      return { ...state, list: state.list.filter((listed) => listed.id !== action.channelId) };
    case 'summitRemoved':
      return { list: [], heard: {} };
  }
}

function updateChannel(state: ChannelsState, channelId: string, change: (channel: ChatChannel) => ChatChannel): ChannelsState {
  if (!state.list) return state;
  let changed = false;
  const list = state.list.map((channel) => {
    if (channel.id !== channelId) return channel;
    const next = change(channel);
    changed ||= next !== channel;
    return next;
  });
  return changed ? { ...state, list } : state;
}
