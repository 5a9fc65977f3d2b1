import { useEffect, useRef } from 'react';
import type { LiveRequests, LiveServerEvents, PresenceEntry } from '@plenary/live-contract';
import type { RequestListeners } from '@plenary/realtime-contract';
import { io, type Socket } from 'socket.io-client';
import { currentAccessToken, renewAccessToken } from './api';

type LiveEvent<E extends keyof LiveServerEvents> = Parameters<LiveServerEvents[E]>[0];

/** What `/live` pushes about a summit (docs/realtime.md). */
export interface LiveHandlers {
  /** A session was created, edited, moved, postponed, cancelled or reinstated. */
  onAgendaChanged?(event: LiveEvent<'agenda.changed'>): void;
  /** A session's speakers list changed. */
  onSpeakersChanged?(event: LiveEvent<'speakers.changed'>): void;
  /** Who is online in the summit, by delegation: once subscribed, then at every change. */
  onPresenceChanged?(online: PresenceEntry[]): void;
  /** The reader may no longer see the summit (their delegation withdrew, say); the server stops sending its events. */
  onSummitRemoved?(): void;
}

/** One page's connection following one summit, shared by every part of the page that follows it. */
interface SummitFollow {
  followers: Set<{ current: LiveHandlers }>;
  /** The last presence heard, for a part of the page that starts following later. */
  online: PresenceEntry[] | null;
  close(): void;
}

const follows = new Map<string, SummitFollow>();

/**
 * Opens the connection following a summit: subscribes on every
 * (re)connection, and renews the access token when the server ends a
 * connection whose token expired. Its events go to every follower.
 */
function openFollow(summitId: string): SummitFollow {
  const socket: Socket<LiveServerEvents, RequestListeners<LiveRequests>> = io('/live', { auth: (send) => send({ token: currentAccessToken() }), transports: ['websocket'] });
  const follow: SummitFollow = {
    followers: new Set(),
    online: null,
    close() {
      socket.removeAllListeners();
      socket.disconnect();
    },
  };
  const each = (call: (handlers: LiveHandlers) => void) => follow.followers.forEach((follower) => call(follower.current));
  const presence = (online: PresenceEntry[]) => {
    follow.online = online;
    each((handlers) => handlers.onPresenceChanged?.(online));
  };
  let renewals = 0;
  const reconnect = async () => {
    if (++renewals > 3) return;
    const token = await renewAccessToken().catch(() => null);
    if (token && !socket.connected) socket.connect();
  };
  socket.on('connect', () => {
    renewals = 0;
    socket.emit('summit.subscribe', { summitId }, (subscribed) => {
      if (!subscribed.ok) return;
      socket.emit('presence.list', { summitId }, (answer) => {
        if (answer.ok) presence(answer.online);
      });
    });
  });
  socket.on('disconnect', (reason) => {
    if (reason === 'io server disconnect') void reconnect();
  });
  socket.on('connect_error', (error) => {
    const code = (error as Error & { data?: { code?: string } }).data?.code;
    if (!socket.active && code === 'UNAUTHENTICATED') void reconnect();
  });
  socket.on('agenda.changed', (event) => {
    if (event.summitId === summitId) each((handlers) => handlers.onAgendaChanged?.(event));
  });
  socket.on('speakers.changed', (event) => {
    if (event.summitId === summitId) each((handlers) => handlers.onSpeakersChanged?.(event));
  });
  socket.on('presence.changed', (event) => {
    if (event.summitId === summitId) presence(event.online);
  });
  socket.on('summit.removed', (event) => {
    if (event.summitId === summitId) each((handlers) => handlers.onSummitRemoved?.());
  });
  return follow;
}

/**
 * Follows a summit on `/live` while the screen is shown. Parts of one page
 * that follow the same summit (the agenda and the chat beside it) share one
 * connection, closed when the last of them goes.
 */
export function useLiveSummit(summitId: string | null, handlers: LiveHandlers): void {
  const latest = useRef(handlers);
  // The newest handlers, without following the summit again each time a page renders new ones.
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    if (!summitId) return;
    let follow = follows.get(summitId);
    if (!follow) {
      follow = openFollow(summitId);
      follows.set(summitId, follow);
    }
    follow.followers.add(latest);
    if (follow.online) latest.current.onPresenceChanged?.(follow.online);
    const joined = follow;
    return () => {
      joined.followers.delete(latest);
      if (joined.followers.size > 0) return;
      joined.close();
      follows.delete(summitId);
    };
  }, [summitId]);
}
