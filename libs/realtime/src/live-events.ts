/**
 * The events the `/live` namespace sends, shared by the server and clients.
 * Payloads carry ids and the changed resource as the REST API returns it.
 */
export interface LiveEventMap {
  /** A session of the summit was created, edited, moved, postponed, cancelled or reinstated. */
  'agenda.changed': { summitId: string; sessionId: string; change: 'created' | 'updated' | 'rescheduled' | 'postponed' | 'cancelled' | 'reinstated'; session: unknown };
  /** Someone came online or went offline in the summit. */
  'presence.changed': { summitId: string; online: PresenceEntry[] };
  /** The speakers list of a session changed. */
  'speakers.changed': { summitId: string; sessionId: string; speakers: unknown };
  /** The user may no longer read the summit; the socket has left its rooms (on every namespace). */
  'summit.removed': { summitId: string };
  /** The access token ran out; the server disconnects right after (on every namespace). */
  'session.expired': { code: string; message: string };
  /** The sign-in ended or its rights changed; the server disconnects right after (on every namespace). */
  'session.ended': { code: string; message: string };
}

export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };

/** A person online in a summit, with the delegations they take part in it for. */
export interface PresenceEntry {
  userId: string;
  organisationIds: string[];
}
