import { Injectable } from '@nestjs/common';
import { RealtimeNamespaces } from '@plenary/realtime';
import type { AgendaChange, LiveServerEvents, LiveSpeakersList, PresenceEntry } from '../contracts/live-events';
import { toSessionDto } from '../sessions/session.dto';
import type { SummitSession } from '../sessions/session.entity';
import { summitRooms } from './summit-rooms';

/** What the `/live` namespace tells the people following a summit; services publish through it. */
@Injectable()
export class LiveEventsService {
  private readonly live;

  constructor(namespaces: RealtimeNamespaces) {
    this.live = namespaces.publisher<LiveServerEvents>('/live');
  }

  /** A session changed: to everyone following the summit who may see it. */
  agendaChanged(session: SummitSession, change: AgendaChange): void {
    this.live.emit(summitRooms.audienceOf(session), 'agenda.changed', { summitId: session.summitId, sessionId: session.id, change, session: toSessionDto(session) });
  }

  speakersChanged(session: SummitSession, speakers: LiveSpeakersList): void {
    this.live.emit(summitRooms.audienceOf(session), 'speakers.changed', { summitId: session.summitId, sessionId: session.id, speakers });
  }

  presenceChanged(summitId: string, online: PresenceEntry[]): void {
    this.live.emit(summitRooms.of(summitId), 'presence.changed', { summitId, online });
  }
}
