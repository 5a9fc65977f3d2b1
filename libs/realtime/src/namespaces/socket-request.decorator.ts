import { Logger } from '@nestjs/common';
import { SubscribeMessage } from '@nestjs/websockets';
import type { Socket } from 'socket.io';
import type { Ack, SocketRequests } from '../contracts/realtime-events';
import { failure, validated } from '../socket-payload';

const SOCKET_REQUEST = 'plenary:socket-request';

/** A handler's event and the class its payload is validated with, as recorded on the gateway. */
export interface SocketRequestInfo {
  event: string;
  payload: new () => object;
  method: string;
}

type Handler<R extends SocketRequests<R>, E extends keyof R, S> = (socket: S, payload: R[E]['payload']) => Promise<R[E]['answer']>;

/**
 * The decorator of a namespace's request handlers, typed by its contract:
 * `const ChatRequest = socketRequests<ChatRequests, ChatSocket>()`, then
 * `@ChatRequest('channel.join', ChannelRefDto) join(socket, { channelId })`.
 * The payload is validated with the DTO (an error acknowledgement if it is
 * not valid), the handler's answer becomes `{ ok: true, ...answer }` and any
 * error `{ ok: false, error: { code, message } }` — a handler never throws
 * past the gateway. The event and its DTO are recorded, so that tests (the
 * fuzz suite) find every event of every namespace without a list.
 */
export function socketRequests<R extends SocketRequests<R>, S extends Socket = Socket>() {
  return <E extends keyof R & string>(event: E, payload: new () => R[E]['payload']) =>
    (target: object, method: string, descriptor: TypedPropertyDescriptor<Handler<R, E, S>>): TypedPropertyDescriptor<Handler<R, E, S>> => {
      const handler = descriptor.value!;
      const logger = new Logger(target.constructor.name);
      // An answer carrying an `event` key would be emitted by Nest instead of acknowledged: none of ours do.
      async function answer(this: unknown, socket: S, body: unknown): Promise<Ack<R[E]['answer']>> {
        try {
          const dto = await validated(payload as new () => object, body);
          return { ok: true, ...(await handler.call(this, socket, dto as R[E]['payload'])) };
        } catch (error) {
          return failure(error, logger);
        }
      }
      const info: SocketRequestInfo = { event, payload: payload as new () => object, method };
      Reflect.defineMetadata(SOCKET_REQUEST, info, answer);
      descriptor.value = answer as unknown as Handler<R, E, S>;
      SubscribeMessage(event)(target, method, descriptor);
      return descriptor;
    };
}

/** Every request handler of a gateway class, with its event and payload class. */
export function socketRequestsOf(gateway: abstract new (...args: never[]) => object): SocketRequestInfo[] {
  const proto = gateway.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto).flatMap((name) => {
    const info = typeof proto[name] === 'function' ? (Reflect.getMetadata(SOCKET_REQUEST, proto[name] as object) as SocketRequestInfo | undefined) : undefined;
    return info ? [info] : [];
  });
}
