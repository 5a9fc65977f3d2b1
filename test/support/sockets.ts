// Speaking to a running server's Socket.IO namespaces as clients do: one
// connection per call (no multiplexing, no reconnection unless asked), the
// acknowledgement of a request, and the next event of a kind.
import type { Ack } from '@plenary/realtime';
import { io, Socket } from 'socket.io-client';
import { Decoder, Encoder, Packet, PacketType, protocol } from 'socket.io-parser';

/** How long a request waits for its acknowledgement. */
const ACK_TIMEOUT_MS = 5000;

/** Resolves once the socket is connected; rejects with the `connect_error` (its `data` is `{ code, message }`). */
export function connected(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** Sends an event and resolves with its acknowledgement. */
export function emit<T extends object = object>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<T>>;
}

/** Sends an event and resolves with its successful answer; an error acknowledgement rejects, naming its code. */
export async function ok<T extends object = object>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const ack = await emit<T>(socket, event, payload);
  if (!ack.ok) throw new Error(`${event}: ${ack.error.code} ${ack.error.message}`);
  return ack;
}

/** The next `event` the socket receives, or null if none comes within `ms`. */
export function next<T>(socket: Socket, event: string, ms = 1000): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      socket.off(event, receive);
      resolve(null);
    }, ms);
    const receive = (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    };
    socket.once(event, receive);
  });
}

/** Resolves once `condition` holds, checking every 20 ms; rejects after `ms`. */
export async function waitUntil(condition: () => boolean, ms = 5000): Promise<void> {
  for (const deadline = Date.now() + ms; !condition(); ) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Drops a connection as a network would (a namespace that replays missed
 * events keeps its state for two minutes), runs `meanwhile`, then connects
 * again; `socket.recovered` then says whether the server restored it.
 */
export async function dropThenReconnect(socket: Socket, meanwhile: () => Promise<void>): Promise<void> {
  const dropped = new Promise((resolve) => socket.once('disconnect', resolve));
  socket.io.engine.close();
  await dropped;
  // The server keeps the connection's state once the close reaches it, a few milliseconds later.
  await new Promise((resolve) => setTimeout(resolve, 250));
  await meanwhile();
  const back = connected(socket);
  socket.connect();
  await back;
}

/** A payload given as JSON text, sent as it is (see `jsonParser`). */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Writes every packet as JSON text, without looking for binary parts, and
 * writes `RawJson` arguments as their text: socket.io's own encoder (and
 * JSON.stringify) recurse, and overflow the stack on a payload nested
 * thousands of levels deep before it leaves the client. With it
 * (`{ parser: jsonParser }`), a test sends what an attacker's client would.
 */
class JsonEncoder extends Encoder {
  override encode(packet: Packet): string[] {
    if (packet.type !== PacketType.EVENT || !Array.isArray(packet.data)) {
      return [(this as unknown as { encodeAsString(packet: Packet): string }).encodeAsString(packet)];
    }
    const args = (packet.data as unknown[]).map((arg) => (arg instanceof RawJson ? arg.text : JSON.stringify(arg)));
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    return [`${PacketType.EVENT}${nsp}${packet.id ?? ''}[${args.join(',')}]`];
  }
}

export const jsonParser = { protocol, PacketType, Encoder: JsonEncoder, Decoder };

/** The sockets a suite opens on one server, all closed at the end. */
export class TestSockets {
  private readonly opened: Socket[] = [];

  constructor(private readonly url: () => string) {}

  /** A new connection to `namespace` with an access token (or none); not yet connected. */
  open(namespace: string, token?: string, options: Parameters<typeof io>[1] = {}): Socket {
    const socket = io(`${this.url()}${namespace}`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false, forceNew: true, ...options });
    this.opened.push(socket);
    return socket;
  }

  /** A connected socket; reconnects only when told to (and Socket.IO may then restore it). */
  async connect(namespace: string, token: string): Promise<Socket> {
    const socket = this.open(namespace, token);
    await connected(socket);
    return socket;
  }

  closeAll(): void {
    for (const socket of this.opened.splice(0)) socket.disconnect();
  }
}
