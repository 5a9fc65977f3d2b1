import { AgendaCache } from './sessions/agenda-cache';
import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@plenary/identity';
import { RealtimeModule, RoomKinds } from '@plenary/realtime';
import { SummitAccessGuard } from './access/summit-access.guard';
import { SummitAccessService } from './access/summit-access.service';
import { SummitMember } from './access/summit-member.entity';
import { SummitScopes } from './access/summit-scopes.registry';
import { CalendarFeedToken } from './calendar/calendar-feed.entity';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { DelegationsController } from './delegations/delegations.controller';
import { DelegationsService } from './delegations/delegations.service';
import { FairnessController } from './fairness/fairness.controller';
import { SummitInvitationsController } from './invitations/summit-invitations.controller';
import { SummitInvitationsService } from './invitations/summit-invitations.service';
import { LiveEventsService } from './live/live-events.service';
import { LiveGateway } from './live/live.gateway';
import { PresenceService } from './live/presence.service';
import { SummitRoomKind } from './live/summit-rooms';
import { Participation } from './participation/participation.entity';
import { ParticipationService } from './participation/participation.service';
import { SummitRoom } from './rooms/room.entity';
import { RoomsController } from './rooms/rooms.controller';
import { RoomsService } from './rooms/rooms.service';
import { ScheduleChange } from './schedule/schedule-change.entity';
import { SummitSession } from './sessions/session.entity';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { SpeakerEntryRecord } from './speakers-list/speaker-entry.entity';
import { SpeakersListController } from './speakers-list/speakers-list.controller';
import { SpeakersListService } from './speakers-list/speakers-list.service';
import { PublicSummitsController } from './summits/public-summits.controller';
import { Summit } from './summits/summit.entity';
import { SummitsController } from './summits/summits.controller';
import { SummitsService } from './summits/summits.service';

@Module({
  imports: [
    IdentityModule,
    RealtimeModule,
    TypeOrmModule.forFeature([Summit, Participation, SummitMember, SummitSession, SummitRoom, ScheduleChange, SpeakerEntryRecord, CalendarFeedToken]),
  ],
  controllers: [SummitsController, SummitInvitationsController, DelegationsController, SessionsController, RoomsController, SpeakersListController, CalendarController, FairnessController, PublicSummitsController],
  providers: [
    AgendaCache,
    SummitScopes,
    SummitAccessService,
    SummitAccessGuard,
    SummitsService,
    ParticipationService,
    SummitInvitationsService,
    DelegationsService,
    SessionsService,
    RoomsService,
    SpeakersListService,
    CalendarService,
    LiveEventsService,
    PresenceService,
    SummitRoomKind,
    LiveGateway,
  ],
  exports: [SummitScopes, SummitAccessService, SummitAccessGuard, SummitsService, SessionsService, ParticipationService, LiveEventsService],
})
export class SummitsModule implements OnModuleInit {
  constructor(
    private readonly rooms: RoomKinds,
    private readonly summitRoom: SummitRoomKind,
  ) {}

  onModuleInit(): void {
    this.rooms.register(this.summitRoom);
  }
}
