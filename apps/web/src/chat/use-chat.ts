import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, listPins, type ChatChannel, type ChatMessage, type ChatMuteView } from '../api';
import { ChatConnection } from './chat.socket';
import {
  channelsReducer,
  chatReducer,
  emptyChat,
  newestRevision,
  newestSequence,
  noChannels,
  oldestSequence,
  type ChannelLog,
  type Mentions,
  type PendingMessage,
} from './chat.store';

export type ChatStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** What the reader was doing when the server said no: a refused send most often means being muted. */
export interface ChatFailure {
  during: 'send' | 'edit' | 'delete' | 'pin' | 'load';
  failure: unknown;
}

/** Messages asked for per page of history. */
const pageSize = 50;
/** Changes asked for per page when catching up after a reconnection, and the most missed messages fetched to fill a gap. */
const catchUpLimit = 200;
/** Pages of changes read when catching up; beyond that the channel starts again from its newest page. */
const catchUpPages = 5;
/** How long “is typing” stays up without news; the server passes typing on at most every 2 s. */
const typingShownMs = 5000;
/** The least time between two typing events of one's own. */
const typingIntervalMs = 2000;
/** A burst of messages is marked read once, after this pause. */
const readDelayMs = 400;
/** The longest delay `setTimeout` keeps to. */
const maxTimerMs = 2 ** 31 - 1;

export function subscribeToVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

export function isPageVisible(): boolean {
  return document.visibilityState === 'visible';
}

/** A fresh message id of the form the server accepts (`[A-Za-z0-9_-]{1,64}`); getRandomValues also works on pages served without TLS. */
function newClientMessageId(): string {
  const bytes = window.crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export interface ChatEvents {
  /** The reader may no longer read this channel: it has left the list already. */
  onChannelRemoved(channelId: string): void;
  /** The reader may no longer read the summit: its channels have left the list. */
  onSummitRemoved(): void;
}

export interface Chat {
  status: ChatStatus;
  /** The summit's channels the reader may use, with live unread counts; null until the server first answers. */
  channels: ChatChannel[] | null;
  /** Why the channels could not be read. */
  channelsError: unknown;
  /** Lists a channel just opened, such as a new direct conversation. */
  addChannel(channel: ChatChannel): void;
  /** The code the server refused the connection with, once it is final. */
  refusal: string | null;
  /** The selected channel's messages. */
  log: ChannelLog;
  /** The selected channel's pinned messages, by sequence; null until the server first lists them. */
  pinned: ChatMessage[] | null;
  /** The reader's own mute in the summit's chat while it is in force, else null. */
  mute: ChatMuteView | null;
  /** One's own messages in the selected channel still waiting for the server. */
  pending: PendingMessage[];
  /** Who else is typing in the selected channel. */
  typingUserIds: string[];
  /** Messages exist before the oldest one shown. */
  hasOlder: boolean;
  loadingOlder: boolean;
  error: ChatFailure | null;
  /** The newest sequence held for a channel, 0 when none. */
  newestHeld(channelId: string): number;
  /** The newest sequence the server has recorded as read here, per channel. */
  readUpTo: Record<string, number>;
  send(body: string, replyToId: string | null, mentions: Mentions): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  edit(messageId: string, body: string): Promise<boolean>;
  remove(messageId: string): Promise<boolean>;
  pin(messageId: string, pinned: boolean): Promise<boolean>;
  loadOlder(): Promise<void>;
  typing(): void;
}

/**
 * The page's one connection to `/chat`, following the summit and joined to the
 * selected channel: the summit's channels with their unread messages and
 * mentions, the selected channel's messages by sequence, one's own messages
 * until acknowledged, catching up after a reconnection, typing indicators and
 * read markers.
 */
export function useChat(selfId: string, summitId: string, channelId: string | null, events: ChatEvents): Chat {
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  const [channels, dispatchChannels] = useReducer(channelsReducer, noChannels);
  const [channelsError, setChannelsError] = useState<unknown>(null);
  const [status, setStatus] = useState<ChatStatus>('connecting');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [error, setError] = useState<ChatFailure | null>(null);
  const [readUpTo, setReadUpTo] = useState<Record<string, number>>({});
  const [typingUntil, setTypingUntil] = useState<Record<string, { channelId: string; until: number }>>({});
  const [loadingOlder, setLoadingOlder] = useState(false);
  /** The reader's own mute, with the summit it was heard for: another summit's must not show. */
  const [muteHeard, setMuteHeard] = useState<{ summitId: string; mute: ChatMuteView | null }>({ summitId, mute: null });
  const mute = muteHeard.summitId === summitId ? muteHeard.mute : null;
  const visible = useSyncExternalStore(subscribeToVisibility, isPageVisible);
  const connection = useRef<ChatConnection | null>(null);
  const selected = useRef<string | null>(null);
  const latest = useRef(state);
  const lastTyping = useRef(0);
  const summitGone = useRef(false);
  /** Channels unknown to the list that activity was heard of, for which the list has been read again. */
  const reread = useRef(new Set<string>());

  // Socket callbacks and acknowledgements look at the state as of now, not as of the render that made them.
  useEffect(() => {
    latest.current = state;
  });

  const markRead = useCallback((id: string, sequence: number) => {
    setReadUpTo((known) => (sequence > (known[id] ?? 0) ? { ...known, [id]: sequence } : known));
    dispatchChannels({ type: 'read', channelId: id, sequence });
  }, []);

  const deliver = useCallback(
    async (item: PendingMessage) => {
      const socket = connection.current;
      // Offline, the message waits; it goes out when the socket connects again.
      if (!socket?.connected) return;
      try {
        const { message } = await socket.request('message.send', {
          channelId: item.channelId,
          clientMessageId: item.clientMessageId,
          body: item.body,
          ...(item.replyToId ? { replyToId: item.replyToId } : {}),
          ...(item.mentions.userIds.length || item.mentions.organisationIds.length ? { mentions: item.mentions } : {}),
        });
        dispatch({ type: 'received', channelId: message.channelId, messages: [message], selfId });
        // The server moves the author's read marker to their own message.
        markRead(message.channelId, message.sequence);
      } catch (failure) {
        // An acknowledgement lost with the connection: the message goes again, under the same id, once reconnected.
        if (failure instanceof ApiError && failure.code === 'NETWORK' && !socket.connected) return;
        // Another attempt under the same id may have been acknowledged meanwhile.
        if (!latest.current.pending.some((waiting) => waiting.clientMessageId === item.clientMessageId)) return;
        dispatch({ type: 'refused', clientMessageId: item.clientMessageId, failure });
        setError({ during: 'send', failure });
      }
    },
    [selfId, markRead],
  );

  /**
   * Reads what the page lacks of a channel: its newest page the first time,
   * afterwards every message sent, edited, deleted or (un)pinned since the
   * latest change held, page by page in revision order.
   */
  const catchUp = useEffectEvent(async (socket: ChatConnection, id: string) => {
    const log = latest.current.logs[id];
    if (log?.loaded) {
      let since = newestRevision(log);
      for (let page = 0; page < catchUpPages; page++) {
        const { messages } = await socket.request('history', { channelId: id, changedSince: since, limit: catchUpLimit });
        dispatch({ type: 'caughtUp', channelId: id, messages, selfId });
        if (messages.length < catchUpLimit) return;
        since = messages.reduce((newest, message) => Math.max(newest, message.revision), since);
      }
    }
    // The first time, or too much changed to page through: the channel starts again from its newest page.
    const { messages } = await socket.request('history', { channelId: id, limit: pageSize });
    dispatch({ type: 'loaded', channelId: id, messages, reset: Boolean(log?.loaded), selfId });
  });

  /**
   * Reads the messages between the newest held and one just heard: a later
   * revision than the missed ones, it leaves nothing to catch up by revision.
   */
  const fillGap = useEffectEvent(async (socket: ChatConnection, id: string, after: number) => {
    const { messages } = await socket.request('history', { channelId: id, after, limit: catchUpLimit });
    if (messages.length < catchUpLimit) dispatch({ type: 'received', channelId: id, messages, selfId });
    else {
      const { messages: newest } = await socket.request('history', { channelId: id, limit: pageSize });
      dispatch({ type: 'loaded', channelId: id, messages: newest, reset: true, selfId });
    }
  });

  /** Follows the summit: its channels now, and their activity and mentions from now on. */
  const follow = useEffectEvent(async (socket: ChatConnection) => {
    if (summitGone.current) return;
    try {
      const { channels: list, mute: own } = await socket.request('summit.follow', { summitId });
      dispatchChannels({ type: 'followed', channels: list });
      setMuteHeard({ summitId, mute: own });
      setChannelsError(null);
    } catch (failure) {
      setChannelsError(failure);
    }
  });

  /** Joins a channel, then reads what was missed: joining first, nothing falls between the two. */
  const enter = useEffectEvent(async (id: string) => {
    const socket = connection.current;
    if (!socket?.connected) return;
    try {
      const { channel } = await socket.request('channel.join', { channelId: id });
      if (selected.current !== id) {
        socket.leave(id);
        return;
      }
      dispatchChannels({ type: 'joined', channel });
      markRead(id, channel.lastReadSequence);
      // Read once in the room, so that no pin falls between the list and the events.
      dispatch({ type: 'pinsRequested', channelId: id });
      await Promise.all([catchUp(socket, id), listPins(id).then((messages) => dispatch({ type: 'pinsLoaded', channelId: id, messages }))]);
    } catch (failure) {
      if (selected.current === id) setError({ during: 'load', failure });
    }
  });

  const connected = useEffectEvent(() => {
    setStatus('online');
    setRefusal(null);
    // The server forgets what a connection followed: every new connection follows again.
    if (connection.current) void follow(connection.current);
    if (selected.current) void enter(selected.current);
    for (const item of latest.current.pending) if (item.failure === null) void deliver(item);
  });

  const heard = useEffectEvent((message: ChatMessage) => {
    const id = message.channelId;
    const log = latest.current.logs[id];
    const newest = newestSequence(log);
    dispatch({ type: 'received', channelId: id, messages: [message], selfId });
    setTypingUntil((typing) => {
      if (!(message.authorId in typing)) return typing;
      const rest = { ...typing };
      delete rest[message.authorId];
      return rest;
    });
    // A gap means events went missing, for instance while joining: read what lies between.
    const socket = connection.current;
    if (socket && id === selected.current && log?.loaded && message.sequence > newest + 1) {
      fillGap(socket, id, newest).catch((failure: unknown) => setError({ during: 'load', failure }));
    }
  });

  const active = useEffectEvent((event: { summitId: string; channelId: string; lastSequence: number }) => {
    if (event.summitId !== summitId) return;
    const known = channels.list?.some((channel) => channel.id === event.channelId);
    if (known) dispatchChannels({ type: 'activity', channelId: event.channelId, lastSequence: event.lastSequence });
    // A channel not listed yet, such as a direct conversation someone else just started: the list is read again, once.
    else if (channels.list && !reread.current.has(event.channelId) && connection.current) {
      reread.current.add(event.channelId);
      void follow(connection.current);
    }
  });

  const mentioned = useEffectEvent((event: { summitId: string; channelId: string; messageId: string; sequence: number }) => {
    if (event.summitId !== summitId) return;
    // What is on screen is being read.
    if (event.channelId === selected.current && isPageVisible()) return;
    dispatchChannels({ type: 'mentioned', channelId: event.channelId, messageId: event.messageId, sequence: event.sequence });
  });

  const channelRemoved = useEffectEvent((id: string) => {
    dispatchChannels({ type: 'removed', channelId: id });
    events.onChannelRemoved(id);
  });

  const summitRemoved = useEffectEvent((id: string) => {
    if (id !== summitId) return;
    summitGone.current = true;
    dispatchChannels({ type: 'summitRemoved' });
    events.onSummitRemoved();
  });

  const muted = useEffectEvent((event: { summitId: string; mute: ChatMuteView | null }) => {
    if (event.summitId === summitId) setMuteHeard({ summitId, mute: event.mute });
  });

  const typed = useEffectEvent((id: string, userId: string) => {
    if (userId === selfId) return;
    setTypingUntil((typing) => ({ ...typing, [userId]: { channelId: id, until: Date.now() + typingShownMs } }));
  });

  // One connection per summit followed.
  useEffect(() => {
    summitGone.current = false;
    reread.current.clear();
    const socket = new ChatConnection({
      onConnect: () => connected(),
      onDisconnect: () => setStatus('offline'),
      onRefused: (code) => {
        setStatus('refused');
        setRefusal(code);
      },
      onMessage: (message) => heard(message),
      onTyping: (id, userId) => typed(id, userId),
      onActivity: (event) => active(event),
      onMention: (event) => mentioned(event),
      onMuted: (event) => muted(event),
      onChannelRemoved: (id) => channelRemoved(id),
      onSummitRemoved: (id) => summitRemoved(id),
    });
    connection.current = socket;
    return () => {
      socket.close();
      connection.current = null;
    };
  }, [summitId]);

  useEffect(() => {
    selected.current = channelId;
    setError(null);
    if (!channelId) return;
    void enter(channelId);
    return () => connection.current?.leave(channelId);
  }, [channelId]);

  // A mute for some minutes ends by itself; the server sends no event then.
  useEffect(() => {
    if (!mute?.until) return;
    const left = new Date(mute.until).getTime() - Date.now();
    // Beyond what a timer can wait (about 24 days), the next following of the summit tells.
    if (left > maxTimerMs) return;
    const timer = window.setTimeout(() => setMuteHeard({ summitId, mute: null }), Math.max(0, left) + 50);
    return () => window.clearTimeout(timer);
  }, [mute, summitId]);

  // Typing notes fade out when no news keeps them up.
  useEffect(() => {
    const ends = Object.values(typingUntil).map((entry) => entry.until);
    if (ends.length === 0) return;
    const timer = window.setTimeout(
      () => setTypingUntil((typing) => Object.fromEntries(Object.entries(typing).filter(([, entry]) => entry.until > Date.now()))),
      Math.max(0, Math.min(...ends) - Date.now()) + 50,
    );
    return () => window.clearTimeout(timer);
  }, [typingUntil]);

  const log = (channelId && state.logs[channelId]) || emptyLog;
  const newest = newestSequence(log);
  const alreadyRead = channelId ? (readUpTo[channelId] ?? 0) : 0;

  // What is on screen counts as read, once the page is in view.
  useEffect(() => {
    if (!channelId || !visible || status !== 'online' || newest <= alreadyRead) return;
    const timer = window.setTimeout(() => {
      connection.current
        ?.request('read', { channelId, sequence: newest })
        .then(({ lastReadSequence }) => markRead(channelId, lastReadSequence))
        .catch((failure: unknown) => console.warn('The messages could not be marked read', failure));
    }, readDelayMs);
    return () => window.clearTimeout(timer);
  }, [channelId, visible, status, newest, alreadyRead, markRead]);

  const run = async (during: ChatFailure['during'], change: (socket: ChatConnection) => Promise<{ message: ChatMessage }>): Promise<boolean> => {
    const socket = connection.current;
    if (!socket) return false;
    setError(null);
    try {
      const { message } = await change(socket);
      dispatch({ type: 'received', channelId: message.channelId, messages: [message], selfId });
      return true;
    } catch (failure) {
      setError({ during, failure });
      return false;
    }
  };

  return {
    status,
    channels: channels.list,
    channelsError,
    addChannel(channel) {
      dispatchChannels({ type: 'joined', channel });
    },
    refusal,
    log,
    pinned: channelId ? (state.pins[channelId]?.loaded ? state.pins[channelId].messages : null) : null,
    mute,
    pending: state.pending.filter((item) => item.channelId === channelId),
    typingUserIds: Object.entries(typingUntil)
      .filter(([, entry]) => entry.channelId === channelId)
      .map(([userId]) => userId),
    hasOlder: log.loaded && oldestSequence(log) > 1,
    loadingOlder,
    error,
    newestHeld: (id) => newestSequence(state.logs[id]),
    readUpTo,
    send(body, replyToId, mentions) {
      if (!channelId) return;
      const item: PendingMessage = {
        clientMessageId: newClientMessageId(),
        channelId,
        body,
        replyToId,
        mentions,
        createdAt: new Date().toISOString(),
        failure: null,
      };
      setError(null);
      dispatch({ type: 'queued', pending: item });
      void deliver(item);
    },
    retry(clientMessageId) {
      const item = state.pending.find((waiting) => waiting.clientMessageId === clientMessageId);
      if (!item) return;
      setError(null);
      dispatch({ type: 'retried', clientMessageId });
      void deliver({ ...item, failure: null });
    },
    discard(clientMessageId) {
      dispatch({ type: 'discarded', clientMessageId });
    },
    edit: (messageId, body) => run('edit', (socket) => socket.request('message.edit', { messageId, body })),
    remove: (messageId) => run('delete', (socket) => socket.request('message.delete', { messageId })),
    pin: (messageId, pinned) => run('pin', (socket) => socket.request('message.pin', { messageId, pinned })),
    async loadOlder() {
      const socket = connection.current;
      const oldest = oldestSequence(log);
      if (!channelId || !socket?.connected || oldest <= 1) return;
      setLoadingOlder(true);
      try {
        const { messages } = await socket.request('history', { channelId, before: oldest, limit: pageSize });
        dispatch({ type: 'received', channelId, messages, selfId });
      } catch (failure) {
        setError({ during: 'load', failure });
      } finally {
        setLoadingOlder(false);
      }
    },
    typing() {
      const now = Date.now();
      if (!channelId || now - lastTyping.current < typingIntervalMs) return;
      lastTyping.current = now;
      connection.current?.typing(channelId);
    },
  };
}

const emptyLog: ChannelLog = { messages: [], loaded: false };
