// Summits owns who takes part in a summit and when things happen: summits,
// participation of organisations, per-summit roles, the agenda and its
// history, conflicts, fair meeting hours, speakers lists and calendars.
export * from './summits.module';
export * from './summits/summit.entity';
export * from './participation/participation.entity';
export * from './access/summit-member.entity';
export * from './access/summit-context';
export * from './access/summit-access.service';
export * from './access/summit-scopes.registry';
export * from './access/summit-access.guard';
export * from './access/summit-access.decorator';
export * from './sessions/session.entity';
export * from './sessions/sessions.service';
export * from './rooms/room.entity';
export { RoomsService } from './rooms/rooms.service';
export { AgendaCache, raiseAgendaRevision } from './sessions/agenda-cache';
export * from './summits/summits.service';
export * from './participation/participation.service';
export * from './schedule/schedule-change.entity';
export * from './summits.errors';
export type * from './contracts/live-events';
export { summitRooms } from './live/summit-rooms';
export { SummitRefDto } from './live/live.gateway';
export * from './live/live-events.service';
