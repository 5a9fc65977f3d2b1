// Realtime owns the Socket.IO server: authenticated namespaces, rooms whose
// membership is checked by the lib that owns them, and event publishing.
export * from './realtime.module';
export * from './live-events';
export * from './live-events.service';
export * from './room-access.registry';
export * from './access-review.service';
export * from './socket-auth';
export * from './socket-payload';
export { SummitRoomDto } from './live.gateway';
export * from './plenary-io.adapter';
export * from './realtime.errors';
