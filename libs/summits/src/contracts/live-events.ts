/**
 * The `/live` namespace's contract, shared by the server, the web client and
 * the tests (docs/realtime.md): what the server sends about the summits a
 * client follows (agenda, speakers lists, presence), and each event a client
 * sends with its payload and what a successful acknowledgement carries.
 * Types only, so that the browser build can import it. Payloads carry the
 * changed resource as the REST API returns it.
 */
import type { RealtimeServerEvents } from '@plenary/realtime-contract';

export type LiveSessionKind = 'plenary' | 'breakout' | 'bilateral' | 'signing_ceremony' | 'press' | 'break';
export type LiveSessionStatus = 'scheduled' | 'postponed' | 'cancelled';

/** A session of the agenda, as `GET /api/sessions/:id` returns it. */
export interface LiveSession {
  id: string;
  summitId: string;
  kind: LiveSessionKind;
  title: string;
  /** The title in French, if it has one. */
  titleFr: string | null;
  description: string;
  startsAt: string;
  endsAt: string;
  /** The room's name (in English), or a free-text track. */
  room: string | null;
  /** The summit room the session is held in, if any. */
  roomId: string | null;
  status: LiveSessionStatus;
  /** The iCalendar SEQUENCE: it grows at every change of time or status. */
  sequence: number;
  chairIds: string[];
  organisationIds: string[];
  documents: { title: string; url: string }[];
  videoRoomId: string;
  speakersOrder: string;
  speechSeconds: number | null;
  delegationBudgetSeconds: number | null;
}

/** `spoken`: the speech is over; `paused`: it holds the floor with its clock stopped. */
export type LiveSpeakerStatus = 'waiting' | 'speaking' | 'paused' | 'spoken' | 'withdrawn';

export interface LiveSpeakerEntry {
  id: string;
  organisationId: string;
  /** The delegation's name. */
  organisationName: string;
  userId: string | null;
  /** The display name of the person who asked for the floor, when known. */
  speakerName: string | null;
  kind: 'speech' | 'point_of_order';
  status: LiveSpeakerStatus;
  requestedAt: string;
  protocolRank: number | null;
  allottedSeconds: number | null;
  /** Time the chair added to the speech. */
  extendedSeconds: number;
  usedSeconds: number;
  /** When the speech began. */
  startedAt: string | null;
  endedAt: string | null;
}

/** A session's speakers list, as `GET /api/sessions/:id/speakers` returns it. */
export interface LiveSpeakersList {
  order: 'protocol' | 'request_time';
  speechSeconds: number | null;
  delegationBudgetSeconds: number | null;
  /**
   * Who holds the floor, with the clock as the server answered: elapsed,
   * the limit (the speech's own time or its delegation's budget, whichever
   * comes first, with the chair's extensions) and what remains of it.
   */
  current:
    | (LiveSpeakerEntry & { elapsedSeconds: number; remainingSeconds: number | null; limitSeconds: number | null; limitedBy: 'speech' | 'delegation' | null })
    | null;
  /** Waiting, in speaking order. */
  queue: LiveSpeakerEntry[];
  /** Those who have spoken, in the order they finished. */
  past: LiveSpeakerEntry[];
  delegations: { organisationId: string; organisationName: string; usedSeconds: number; remainingSeconds: number | null }[];
}

/** A person online in a summit, with the delegations they take part in it for. */
export interface PresenceEntry {
  userId: string;
  organisationIds: string[];
}

export type AgendaChange = 'created' | 'updated' | 'rescheduled' | 'postponed' | 'cancelled' | 'reinstated';

/** What the server sends on `/live`. */
export interface LiveServerEvents extends RealtimeServerEvents {
  /** A session of the summit was created, edited, moved, postponed, cancelled or reinstated. */
  'agenda.changed': (event: { summitId: string; sessionId: string; change: AgendaChange; session: LiveSession }) => void;
  /** Someone came online or went offline in the summit. */
  'presence.changed': (event: { summitId: string; online: PresenceEntry[] }) => void;
  /** The speakers list of a session changed. */
  'speakers.changed': (event: { summitId: string; sessionId: string; speakers: LiveSpeakersList }) => void;
  /** The user may no longer read the summit; the socket has left its rooms (on every namespace). */
  'summit.removed': (event: { summitId: string }) => void;
}

/** Each event a client sends on `/live`, with its payload and what a successful acknowledgement carries. */
export interface LiveRequests {
  'summit.subscribe': { payload: { summitId: string }; answer: { room: string } };
  'summit.unsubscribe': { payload: { summitId: string }; answer: object };
  /** Who is online in a summit the socket is subscribed to. */
  'presence.list': { payload: { summitId: string }; answer: { online: PresenceEntry[] } };
}
