/**
 * What every Socket.IO namespace of Plenary shares, and the two conventions
 * each namespace's contract follows (docs/realtime.md). Types only, so that
 * the web client and the tests import it as they import the namespaces' own
 * contracts:
 *
 * - `<Namespace>ServerEvents`: what the server sends, as a map of listeners
 *   (the shape Socket.IO's own generics take);
 * - `<Namespace>Requests`: each event a client sends, with its payload and
 *   what a successful acknowledgement carries.
 */

/** The error half of every acknowledgement, and the `data` of a refused handshake's `connect_error`. */
export interface SocketError {
  code: string;
  message: string;
}

/** Every client event is answered with one of these. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };

/** A namespace's requests (an interface of its contract): event name → payload and successful answer. */
export type SocketRequests<R> = { [E in keyof R]: { payload: object; answer: object } };

/** A namespace's server events (an interface of its contract): event name → listener. */
export type ServerEvents<E> = { [K in keyof E]: (payload: never) => void };

/** The listeners a server registers for a namespace's requests, as Socket.IO types them. */
export type RequestListeners<R extends SocketRequests<R>> = {
  [E in keyof R]: (payload: R[E]['payload'], ack: (answer: Ack<R[E]['answer']>) => void) => void;
};

/** What every namespace may send, whatever its concern. */
export interface RealtimeServerEvents {
  /** The access token ran out; the server disconnects right after. Refresh the token and reconnect. */
  'session.expired': (event: SocketError) => void;
  /** The sign-in ended (sign-out, revocation) or its rights changed; the server disconnects right after. */
  'session.ended': (event: SocketError) => void;
}
