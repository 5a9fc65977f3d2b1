import { useCallback, useEffect, useEffectEvent, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { ApiError, type ChatMessage } from '../api';
import { ChatConnection } from './chat.socket';
import { chatReducer, emptyChat, newestSequence, oldestSequence, type ChannelLog, type PendingMessage } from './chat.store';

export type ChatStatus = 'connecting' | 'online' | 'offline' | 'refused';

/** What the reader was doing when the server said no: a refused send most often means being muted. */
export interface ChatFailure {
  during: 'send' | 'edit' | 'delete' | 'load';
  failure: unknown;
}

/** Messages asked for per page of history. */
const pageSize = 50;
/** The most missed messages fetched after a reconnection; beyond that the channel starts again from its newest page. */
const catchUpLimit = 200;
/** How long “is typing” stays up without news; the server passes typing on at most every 2 s. */
const typingShownMs = 5000;
/** The least time between two typing events of one's own. */
const typingIntervalMs = 2000;
/** A burst of messages is marked read once, after this pause. */
const readDelayMs = 400;

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

export interface Chat {
  status: ChatStatus;
  /** The code the server refused the connection with, once it is final. */
  refusal: string | null;
  /** The selected channel's messages. */
  log: ChannelLog;
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
  send(body: string, replyToId: string | null): void;
  retry(clientMessageId: string): void;
  discard(clientMessageId: string): void;
  edit(messageId: string, body: string): Promise<boolean>;
  remove(messageId: string): Promise<boolean>;
  loadOlder(): Promise<void>;
  typing(): void;
}

/**
 * The page's one connection to `/chat`, joined to the selected channel: its
 * messages by sequence, one's own messages until acknowledged, catching up
 * after a reconnection, typing indicators and read markers.
 */
export function useChat(selfId: string, channelId: string | null, onReconnect: () => void): Chat {
  const [state, dispatch] = useReducer(chatReducer, emptyChat);
  const [status, setStatus] = useState<ChatStatus>('connecting');
  const [refusal, setRefusal] = useState<string | null>(null);
  const [error, setError] = useState<ChatFailure | null>(null);
  const [readUpTo, setReadUpTo] = useState<Record<string, number>>({});
  const [typingUntil, setTypingUntil] = useState<Record<string, { channelId: string; until: number }>>({});
  const [loadingOlder, setLoadingOlder] = useState(false);
  const visible = useSyncExternalStore(subscribeToVisibility, isPageVisible);
  const connection = useRef<ChatConnection | null>(null);
  const selected = useRef<string | null>(null);
  const latest = useRef(state);
  const connectedBefore = useRef(false);
  const lastTyping = useRef(0);

  // Socket callbacks and acknowledgements look at the state as of now, not as of the render that made them.
  useEffect(() => {
    latest.current = state;
  });

  const markRead = useCallback((id: string, sequence: number) => {
    setReadUpTo((known) => (sequence > (known[id] ?? 0) ? { ...known, [id]: sequence } : known));
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
   * Reads what the page lacks of a channel: what came after the newest message
   * held, then the newest page again, since `after` brings no edits or
   * deletions made while the channel was not joined.
   */
  const catchUp = useEffectEvent(async (socket: ChatConnection, id: string) => {
    const log = latest.current.logs[id];
    const held = newestSequence(log);
    let reset = false;
    if (log?.loaded && held > 0) {
      const { messages } = await socket.request('history', { channelId: id, after: held, limit: catchUpLimit });
      if (messages.length < catchUpLimit) dispatch({ type: 'received', channelId: id, messages, selfId });
      // Too much was missed to page through: the channel starts again from its newest page.
      else reset = true;
    }
    const { messages } = await socket.request('history', { channelId: id, limit: pageSize });
    dispatch({ type: 'loaded', channelId: id, messages, reset, selfId });
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
      markRead(id, channel.lastReadSequence);
      await catchUp(socket, id);
    } catch (failure) {
      if (selected.current === id) setError({ during: 'load', failure });
    }
  });

  const connected = useEffectEvent(() => {
    setStatus('online');
    setRefusal(null);
    if (selected.current) void enter(selected.current);
    for (const item of latest.current.pending) if (item.failure === null) void deliver(item);
    if (connectedBefore.current) onReconnect();
    connectedBefore.current = true;
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
      catchUp(socket, id).catch((failure: unknown) => setError({ during: 'load', failure }));
    }
  });

  const typed = useEffectEvent((id: string, userId: string) => {
    if (userId === selfId) return;
    setTypingUntil((typing) => ({ ...typing, [userId]: { channelId: id, until: Date.now() + typingShownMs } }));
  });

  useEffect(() => {
    const socket = new ChatConnection({
      onConnect: () => connected(),
      onDisconnect: () => setStatus('offline'),
      onRefused: (code) => {
        setStatus('refused');
        setRefusal(code);
      },
      onMessage: (message) => heard(message),
      onTyping: (id, userId) => typed(id, userId),
    });
    connection.current = socket;
    return () => {
      socket.close();
      connection.current = null;
    };
  }, []);

  useEffect(() => {
    selected.current = channelId;
    setError(null);
    if (!channelId) return;
    void enter(channelId);
    return () => connection.current?.leave(channelId);
  }, [channelId]);

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
    refusal,
    log,
    pending: state.pending.filter((item) => item.channelId === channelId),
    typingUserIds: Object.entries(typingUntil)
      .filter(([, entry]) => entry.channelId === channelId)
      .map(([userId]) => userId),
    hasOlder: log.loaded && oldestSequence(log) > 1,
    loadingOlder,
    error,
    newestHeld: (id) => newestSequence(state.logs[id]),
    readUpTo,
    send(body, replyToId) {
      if (!channelId) return;
      const item: PendingMessage = { clientMessageId: newClientMessageId(), channelId, body, replyToId, createdAt: new Date().toISOString(), failure: null };
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
