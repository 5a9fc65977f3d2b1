import { useEffect, useRef } from 'react';
import type { Ack, LiveEventMap, PresenceEntry } from '@plenary/live-events';
import { io, type Socket } from 'socket.io-client';
import { currentAccessToken, renewAccessToken } from './api';

/** What `/live` sends, typed by the contract the server uses too. */
type LiveServerEvents = { [E in keyof LiveEventMap]: (event: LiveEventMap[E]) => void };
type LiveClientEvents = {
  'summit.subscribe': (payload: { summitId: string }, ack: (answer: Ack<{ room: string }>) => void) => void;
  'presence.list': (payload: { summitId: string }, ack: (answer: Ack<{ online: PresenceEntry[] }>) => void) => void;
};

/** What `/live` pushes about a summit (docs/realtime.md). */
export interface LiveHandlers {
  /** A session was created, edited, moved, postponed, cancelled or reinstated. */
  onAgendaChanged?(event: LiveEventMap['agenda.changed']): void;
  /** A session's speakers list changed. */
  onSpeakersChanged?(event: LiveEventMap['speakers.changed']): void;
  /** Who is online in the summit, by delegation: once subscribed, then at every change. */
  onPresenceChanged?(online: PresenceEntry[]): void;
  /** The reader may no longer see the summit (their delegation withdrew, say); the server stops sending its events. */
  onSummitRemoved?(): void;
}

/**
 * Follows a summit on `/live` while the screen is shown: subscribes on every
 * (re)connection, and renews the access token when the server ends a
 * connection whose token expired.
 */
export function useLiveSummit(summitId: string | null, handlers: LiveHandlers): void {
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (!summitId) return;
    const socket: Socket<LiveServerEvents, LiveClientEvents> = io('/live', { auth: (send) => send({ token: currentAccessToken() }), transports: ['websocket'] });
    let renewals = 0;
    const reconnect = async () => {
      if (++renewals > 3) return;
      const token = await renewAccessToken().catch(() => null);
      if (token && !socket.connected) socket.connect();
    };
    socket.on('connect', () => {
      renewals = 0;
      socket.emit('summit.subscribe', { summitId }, (subscribed) => {
        if (!subscribed.ok || !latest.current.onPresenceChanged) return;
        socket.emit('presence.list', { summitId }, (answer) => {
          if (answer.ok) latest.current.onPresenceChanged?.(answer.online);
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
      if (event.summitId === summitId) latest.current.onAgendaChanged?.(event);
    });
    socket.on('speakers.changed', (event) => {
      if (event.summitId === summitId) latest.current.onSpeakersChanged?.(event);
    });
    socket.on('presence.changed', (event) => {
      if (event.summitId === summitId) latest.current.onPresenceChanged?.(event.online);
    });
    socket.on('summit.removed', (event) => {
      if (event.summitId === summitId) latest.current.onSummitRemoved?.();
    });
    return () => {
      socket.removeAllListeners();
      socket.disconnect();
    };
  }, [summitId]);
}
