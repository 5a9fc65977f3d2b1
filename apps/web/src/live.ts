import { useEffect, useRef } from 'react';
import type { LiveRequests, LiveServerEvents, PresenceEntry } from '@plenary/live-contract';
import { RealtimeConnection } from './realtime/realtime-connection';

type LiveEvent<E extends keyof LiveServerEvents> = Parameters<LiveServerEvents[E]>[0];

/** What `/live` pushes about a summit (docs/realtime.md). */
export interface LiveHandlers {
  /** A session was created, edited, moved, postponed, cancelled or reinstated. */
  onAgendaChanged?(event: LiveEvent<'agenda.changed'>): void;
  /** A session's speakers list changed. */
  onSpeakersChanged?(event: LiveEvent<'speakers.changed'>): void;
  /**
   * The connection follows the summit again: the first time and after every
   * reconnection. Read again here what may have changed while nothing was heard.
   */
  onSubscribed?(): void;
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
  /** Whether the summit has been subscribed to at least once. */
  subscribed: boolean;
  close(): void;
}

const follows = new Map<string, SummitFollow>();

/**
 * Opens the connection following a summit: subscribes on every
 * (re)connection (token renewal and reconnection in
 * realtime/realtime-connection.ts). Its events go to every follower.
 */
function openFollow(summitId: string): SummitFollow {
  const follow: SummitFollow = {
    followers: new Set(),
    online: null,
    subscribed: false,
    close: () => connection.close(),
  };
  const each = (call: (handlers: LiveHandlers) => void) => follow.followers.forEach((follower) => call(follower.current));
  const presence = (online: PresenceEntry[]) => {
    follow.online = online;
    each((handlers) => handlers.onPresenceChanged?.(online));
  };
  const subscribe = async () => {
    try {
      await connection.request('summit.subscribe', { summitId });
      follow.subscribed = true;
      each((handlers) => handlers.onSubscribed?.());
      presence((await connection.request('presence.list', { summitId })).online);
    } catch (error) {
      // A summit the reader may not follow is told by the page's own requests; the live view simply stays quiet.
      console.warn(`The summit ${summitId} could not be followed live`, error);
    }
  };
  const connection = new RealtimeConnection<LiveServerEvents, LiveRequests>('/live', { onConnect: () => void subscribe() });
  connection.on('agenda.changed', (event) => {
    if (event.summitId === summitId) each((handlers) => handlers.onAgendaChanged?.(event));
  });
  connection.on('speakers.changed', (event) => {
    if (event.summitId === summitId) each((handlers) => handlers.onSpeakersChanged?.(event));
  });
  connection.on('presence.changed', (event) => {
    if (event.summitId === summitId) presence(event.online);
  });
  connection.on('summit.removed', (event) => {
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
    if (follow.subscribed) latest.current.onSubscribed?.();
    const joined = follow;
    return () => {
      joined.followers.delete(latest);
      if (joined.followers.size > 0) return;
      joined.close();
      follows.delete(summitId);
    };
  }, [summitId]);
}
