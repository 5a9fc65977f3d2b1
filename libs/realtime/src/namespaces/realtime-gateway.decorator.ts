import { WebSocketGateway } from '@nestjs/websockets';

/**
 * How a namespace's clients get back the events they missed while briefly
 * disconnected:
 * - `replay`: Socket.IO connection-state recovery keeps every broadcast for
 *   two minutes and replays what a returning connection missed (guarded by
 *   the access review);
 * - `resync`: the namespace's own requests tell a returning client what
 *   changed (chat's `history` with `changedSince`), so its broadcasts are
 *   not kept and a returning connection starts afresh.
 */
export type MissedEvents = 'replay' | 'resync';

export interface RealtimeGatewayOptions {
  namespace: `/${string}`;
  missedEvents: MissedEvents;
}

/** A Socket.IO gateway of the real-time kit: `@RealtimeGateway({ namespace: '/chat', missedEvents: 'resync' })`. */
export function RealtimeGateway(options: RealtimeGatewayOptions): ClassDecorator {
  return WebSocketGateway<RealtimeGatewayOptions>(options);
}
