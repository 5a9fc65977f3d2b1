// Realtime owns the real-time kit every Socket.IO namespace plugs into:
// authenticated namespaces with their limits, room kinds registered by the
// libs that own them, the access review that keeps rooms true to rights, and
// typed publishing.
export * from './realtime.module';
export * from './realtime.errors';
export type * from './contracts/realtime-events';
export * from './namespaces/realtime-namespaces.service';
export * from './namespaces/socket-request.decorator';
export * from './namespaces/realtime-gateway.decorator';
export * from './rooms/room-kind';
export * from './rooms/room-kinds.registry';
export * from './rooms/person-rooms';
export * from './socket-payload';
export * from './plenary-io.adapter';
