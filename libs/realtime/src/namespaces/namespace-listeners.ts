import type { Logger, WsMessageHandler } from '@nestjs/common';
import { isObservable } from 'rxjs';
import type { Socket } from 'socket.io';

type Callback = WsMessageHandler['callback'];
type Listener = (this: Socket, ...args: unknown[]) => void;

/** One namespace's events: each one's place in its sockets' callback lists, and its one listener. */
interface NamespaceEvents {
  slots: Map<string, number>;
  listeners: Listener[];
}

/** What Nest does with a handler's answer: `{ event, data }` is emitted, anything else acknowledged, nothing sent for null or undefined. */
function respond(socket: Socket, ack: unknown, ackedByHandler: boolean, response: unknown): void {
  if (response === null || response === undefined) return;
  const { event, data } = response as { event?: unknown; data?: unknown };
  if (event) socket.emit(String(event), data);
  else if (!ackedByHandler && typeof ack === 'function') (ack as (answer: unknown) => void)(response);
}

/**
 * The listeners of every gateway event, made once per namespace and event.
 * Nest's own adapter gives each socket a chain of RxJS operators for each
 * of its gateway's handlers: about 4 KB of heap per handler and socket,
 * 45 KB for a `/chat` socket. Here a socket holds only the list of the
 * callbacks Nest bound to it, and shares the namespace's listeners, which
 * find the socket as `this` (an EventEmitter calls them so). Payloads,
 * acknowledgements and answers follow Nest's rules, also for a handler
 * that answers with an observable; a handler that fails (none of ours do:
 * they answer errors with `failure()`) is logged.
 */
export class NamespaceListeners {
  private readonly namespaces = new Map<string, NamespaceEvents>();
  private readonly callbacks = new WeakMap<Socket, Callback[]>();

  constructor(private readonly logger: Logger) {}

  bind(socket: Socket, handlers: WsMessageHandler[]): void {
    const events = this.eventsOf(socket.nsp.name);
    let own = this.callbacks.get(socket);
    if (!own) this.callbacks.set(socket, (own = []));
    for (const handler of handlers) {
      const slot = this.slotOf(events, handler);
      if (own[slot]) {
        // A second gateway handling the same event of the namespace: Nest would run both, and so does this.
        const { callback } = handler;
        const run = this.run.bind(this);
        socket.on(handler.message, function (this: Socket, ...args: unknown[]) {
          run(this, handler.message, callback, handler.isAckHandledManually, args);
        });
        continue;
      }
      own[slot] = handler.callback;
      socket.on(handler.message, events.listeners[slot]);
    }
  }

  private eventsOf(namespace: string): NamespaceEvents {
    let events = this.namespaces.get(namespace);
    if (!events) this.namespaces.set(namespace, (events = { slots: new Map(), listeners: [] }));
    return events;
  }

  /** The event's place in the namespace, with its listener made the first time. */
  private slotOf(events: NamespaceEvents, handler: WsMessageHandler): number {
    const known = events.slots.get(handler.message);
    if (known !== undefined) return known;
    const slot = events.listeners.length;
    const { message, isAckHandledManually } = handler;
    const callbacks = this.callbacks;
    const run = this.run.bind(this);
    events.slots.set(message, slot);
    events.listeners.push(function (this: Socket, ...args: unknown[]) {
      const callback = callbacks.get(this)?.[slot];
      if (callback) run(this, message, callback, isAckHandledManually, args);
    });
    return slot;
  }

  /** One event: its payload and acknowledgement as Nest maps them, the handler run, its answer sent. */
  private run(socket: Socket, event: string, callback: Callback, ackedByHandler: boolean, args: unknown[]): void {
    const ack = args.length > 0 && typeof args[args.length - 1] === 'function' ? args[args.length - 1] : undefined;
    const rest = ack ? args.slice(0, -1) : args;
    const data = rest.length > 1 ? rest : rest[0];
    const report = (error: unknown) => this.logger.error(`${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    let answer: unknown;
    try {
      answer = callback(data, ack);
    } catch (error) {
      return report(error);
    }
    Promise.resolve(answer)
      .then((result: unknown) => {
        if (isObservable(result)) result.subscribe({ next: (response) => respond(socket, ack, ackedByHandler, response), error: report });
        else respond(socket, ack, ackedByHandler, result);
      })
      .catch(report);
  }
}
