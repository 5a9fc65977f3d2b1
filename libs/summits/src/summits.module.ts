import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@plenary/identity';
import { RealtimeModule, RoomAccessRegistry } from '@plenary/realtime';
import { SummitAccessGuard } from './access/summit-access.guard';
import { SummitAccessService } from './access/summit-access.service';
import type { SummitContext } from './access/summit-context';
import { SummitMember } from './access/summit-member.entity';
import { SummitScopes } from './access/summit-scopes.registry';
import { CalendarFeedToken } from './calendar/calendar-feed.entity';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { FairnessController } from './fairness/fairness.controller';
import { Participation } from './participation/participation.entity';
import { ParticipationService } from './participation/participation.service';
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
    TypeOrmModule.forFeature([Summit, Participation, SummitMember, SummitSession, ScheduleChange, SpeakerEntryRecord, CalendarFeedToken]),
  ],
  controllers: [SummitsController, SessionsController, SpeakersListController, CalendarController, FairnessController, PublicSummitsController],
  providers: [SummitScopes, SummitAccessService, SummitAccessGuard, SummitsService, ParticipationService, SessionsService, SpeakersListService, CalendarService],
  exports: [SummitScopes, SummitAccessService, SummitAccessGuard, SummitsService, SessionsService, ParticipationService],
})
export class SummitsModule implements OnModuleInit {
  constructor(
    private readonly rooms: RoomAccessRegistry,
    private readonly access: SummitAccessService,
  ) {}

  /**
   * Live agenda rooms `summit:<id>` admit whoever may read the summit; the
   * sub-rooms `:host` and `:org:<organisationId>` carry what only part of
   * them may see (bilaterals).
   */
  onModuleInit(): void {
    const subRooms = (ctx: SummitContext) => [...(ctx.isHost ? ['host'] : []), ...ctx.organisationIds.map((id) => `org:${id}`)];
    this.rooms.register(
      'summit',
      async (principal, summitId) => subRooms(await this.access.read(principal, summitId)),
      async (principals, summitId) => {
        const contexts = [...((await this.access.contextsOf(principals, summitId))?.values() ?? [])];
        return new Map(contexts.filter((ctx) => this.access.canRead(ctx)).map((ctx) => [ctx.principal.userId, subRooms(ctx)]));
      },
    );
  }
}
