import type { ChatMessage } from '../api';

/** A message of one's own on its way to the server, shown until the server acknowledges it with its sequence. */
export interface PendingMessage {
  clientMessageId: string;
  channelId: string;
  body: string;
  replyToId: string | null;
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

export interface ChatState {
  logs: Record<string, ChannelLog>;
  pending: PendingMessage[];
}

export type ChatAction =
  /** Messages from an event, an acknowledgement or a history page; the own pending ones they confirm are dropped. */
  | { type: 'received'; channelId: string; messages: ChatMessage[]; selfId: string }
  /** The newest page of a channel; with `reset`, what was held before it is dropped, as too much was missed in between. */
  | { type: 'loaded'; channelId: string; messages: ChatMessage[]; reset: boolean; selfId: string }
  | { type: 'queued'; pending: PendingMessage }
  | { type: 'refused'; clientMessageId: string; failure: unknown }
  | { type: 'retried'; clientMessageId: string }
  | { type: 'discarded'; clientMessageId: string };

export const emptyChat: ChatState = { logs: {}, pending: [] };

const emptyLog: ChannelLog = { messages: [], loaded: false };

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'received':
    case 'loaded': {
      const log = state.logs[action.channelId] ?? emptyLog;
      const newest = action.messages.at(-1)?.sequence ?? 0;
      const kept = action.type === 'loaded' && action.reset ? log.messages.filter((message) => message.sequence > newest) : log.messages;
      const messages = merge(kept, action.messages);
      const loaded = log.loaded || action.type === 'loaded';
      const confirmed = new Set(action.messages.filter((message) => message.authorId === action.selfId).map((message) => message.clientMessageId));
      const waiting = state.pending.filter((item) => !confirmed.has(item.clientMessageId));
      const pending = waiting.length === state.pending.length ? state.pending : waiting;
      if (messages === log.messages && loaded === log.loaded && pending === state.pending) return state;
      return { logs: { ...state.logs, [action.channelId]: { messages, loaded } }, pending };
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
 * replayed event never brings back the text of an edited or deleted message.
 */
function isLaterState(candidate: ChatMessage, known: ChatMessage): boolean {
  if (known.deletedAt) return false;
  if (candidate.deletedAt) return true;
  const candidateEdit = candidate.editedAt ?? '';
  const knownEdit = known.editedAt ?? '';
  if (candidateEdit !== knownEdit) return candidateEdit > knownEdit;
  // Pins carry no time: the state heard last is the one kept.
  return candidate.pinned !== known.pinned;
}

/** The sequence of the newest message held for a channel, 0 when none. */
export function newestSequence(log: ChannelLog | undefined): number {
  return log?.messages.at(-1)?.sequence ?? 0;
}

/** The sequence of the oldest message held for a channel, 0 when none. */
export function oldestSequence(log: ChannelLog | undefined): number {
  return log?.messages[0]?.sequence ?? 0;
}
