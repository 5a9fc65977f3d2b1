// Summits: the summits a person may see, who takes part, the agenda, speakers
// lists, fair meeting hours and calendar subscriptions.

import { api, authorised } from './client';
import type {
  Agenda,
  AgendaZone,
  CalendarFeed,
  DelegationPerson,
  FairnessProposal,
  FairnessRequest,
  InvitationListResult,
  NewParticipant,
  NewSession,
  NewSummit,
  NewSummitInvitations,
  Organisation,
  OrganisationMember,
  Participant,
  ParticipantChanges,
  ScheduleAction,
  ScheduleChange,
  ScheduleChangeRequest,
  SessionWrite,
  SpeakerEntryKind,
  SpeakersCommand,
  SpeakersList,
  Summit,
  SummitDelegations,
  SummitInvitation,
  SummitMember,
  SummitMemberRole,
  SummitPerson,
  SummitSession,
  SummitStatus,
} from './types';

const summit = (id: string) => ({ params: { path: { id } } });

export function listSummits(): Promise<Summit[]> {
  return authorised(() => api.GET('/api/summits'));
}

export function createSummit(body: NewSummit): Promise<Summit> {
  return authorised(() => api.POST('/api/summits', { body }));
}

export function getSummit(summitId: string): Promise<Summit> {
  return authorised(() => api.GET('/api/summits/{id}', summit(summitId)));
}

export function changeSummitStatus(summitId: string, status: SummitStatus): Promise<Summit> {
  return authorised(() => api.POST('/api/summits/{id}/status', { ...summit(summitId), body: { status } }));
}

export function listOrganisations(): Promise<Organisation[]> {
  return authorised(() => api.GET('/api/organisations'));
}

/** Open to host administrators and the secretariat only. */
export function listOrganisationMembers(organisationId: string): Promise<OrganisationMember[]> {
  return authorised(() => api.GET('/api/organisations/{id}/members', { params: { path: { id: organisationId } } }));
}

/** The people of an organisation taking part in a summit, as the summit's host side may list them. */
export function listDelegationPeople(summitId: string, organisationId: string): Promise<DelegationPerson[]> {
  return authorised(() => api.GET('/api/summits/{id}/participants/{organisationId}/people', { params: { path: { id: summitId, organisationId } } }));
}

export function listParticipants(summitId: string): Promise<Participant[]> {
  return authorised(() => api.GET('/api/summits/{id}/participants', summit(summitId)));
}

export function addParticipant(summitId: string, body: NewParticipant): Promise<Participant> {
  return authorised(() => api.POST('/api/summits/{id}/participants', { ...summit(summitId), body }));
}

export function updateParticipant(summitId: string, organisationId: string, body: ParticipantChanges): Promise<Participant> {
  return authorised(() => api.PATCH('/api/summits/{id}/participants/{organisationId}', { params: { path: { id: summitId, organisationId } }, body }));
}

/** Everyone taking part in a summit, readable by any participant: whom one may write to or mention in its chat. */
export function listSummitPeople(summitId: string): Promise<SummitPerson[]> {
  return authorised(() => api.GET('/api/summits/{id}/people', summit(summitId)));
}

export function listSummitMembers(summitId: string): Promise<SummitMember[]> {
  return authorised(() => api.GET('/api/summits/{id}/members', summit(summitId)));
}

/** Everyone taking part, by delegation in the participants' order (named roles first), then those named outside any. */
export function listSummitDelegations(summitId: string): Promise<SummitDelegations> {
  return authorised(() => api.GET('/api/summits/{id}/delegations', summit(summitId)));
}

/** Who has not accepted yet (pending or expired), newest first; for the host side. */
export function listOpenSummitInvitations(summitId: string): Promise<SummitInvitation[]> {
  return authorised(() => api.GET('/api/summits/{id}/invitations', { params: { path: { id: summitId }, query: { status: 'open' } } }));
}

/** Invites a list of addresses into one delegation of the summit; for host administrators. */
export function inviteIntoSummit(summitId: string, body: NewSummitInvitations): Promise<InvitationListResult> {
  return authorised(() => api.POST('/api/summits/{id}/invitations/bulk', { ...summit(summitId), body }));
}

/** Mails an unanswered invitation again, with a new link. */
export function resendSummitInvitation(summitId: string, invitationId: string): Promise<SummitInvitation> {
  return authorised(() => api.POST('/api/summits/{id}/invitations/{invitationId}/resend', { params: { path: { id: summitId, invitationId } } }));
}

export async function revokeSummitInvitation(summitId: string, invitationId: string): Promise<void> {
  await authorised(() => api.DELETE('/api/summits/{id}/invitations/{invitationId}', { params: { path: { id: summitId, invitationId } } }));
}

export function setSummitMember(summitId: string, userId: string, body: SummitMemberRole): Promise<SummitMember> {
  return authorised(() => api.PUT('/api/summits/{id}/members/{userId}', { params: { path: { id: summitId, userId } }, body }));
}

export async function removeSummitMember(summitId: string, userId: string): Promise<void> {
  await authorised(() => api.DELETE('/api/summits/{id}/members/{userId}', { params: { path: { id: summitId, userId } } }));
}

export function getAgenda(summitId: string, zone: AgendaZone): Promise<Agenda> {
  return authorised(() => api.GET('/api/summits/{id}/agenda', { params: { path: { id: summitId }, query: { zone } } }));
}

/** The agenda as the server's PDF document, in a zone and a language. */
export function getAgendaPdf(summitId: string, zone: AgendaZone, lang: 'en' | 'fr'): Promise<Blob> {
  return authorised(() => api.GET('/api/summits/{id}/agenda.pdf', { params: { path: { id: summitId }, query: { zone, lang } }, parseAs: 'blob' }));
}

export function createSession(summitId: string, body: NewSession): Promise<SessionWrite> {
  return authorised(() => api.POST('/api/summits/{id}/sessions', { ...summit(summitId), body }));
}

export function getSession(sessionId: string): Promise<SummitSession> {
  return authorised(() => api.GET('/api/sessions/{id}', summit(sessionId)));
}

export function getSessionHistory(sessionId: string): Promise<ScheduleChange[]> {
  return authorised(() => api.GET('/api/sessions/{id}/history', summit(sessionId)));
}

export function changeSchedule(sessionId: string, action: ScheduleAction, change: ScheduleChangeRequest): Promise<SessionWrite> {
  const session = summit(sessionId);
  switch (action) {
    case 'reschedule': {
      const { startsAt, endsAt } = change;
      // The form asks for both times before it lets a rescheduling through; the server says which is missing otherwise.
      return authorised(() => api.POST('/api/sessions/{id}/reschedule', { ...session, body: { ...change, startsAt: startsAt ?? '', endsAt: endsAt ?? '' } }));
    }
    case 'postpone':
      return authorised(() => api.POST('/api/sessions/{id}/postpone', { ...session, body: change }));
    case 'cancel':
      return authorised(() => api.POST('/api/sessions/{id}/cancel', { ...session, body: change }));
    case 'reinstate':
      return authorised(() => api.POST('/api/sessions/{id}/reinstate', { ...session, body: change }));
  }
}

export function getSpeakersList(sessionId: string): Promise<SpeakersList> {
  return authorised(() => api.GET('/api/sessions/{id}/speakers', summit(sessionId)));
}

export function askForTheFloor(sessionId: string, organisationId: string, kind: SpeakerEntryKind): Promise<SpeakersList> {
  return authorised(() => api.POST('/api/sessions/{id}/speakers', { ...summit(sessionId), body: { organisationId, kind } }));
}

export function runSpeakersList(sessionId: string, command: SpeakersCommand): Promise<SpeakersList> {
  const session = summit(sessionId);
  switch (command) {
    case 'next':
      return authorised(() => api.POST('/api/sessions/{id}/speakers/next', session));
    case 'pause':
      return authorised(() => api.POST('/api/sessions/{id}/speakers/pause', session));
    case 'resume':
      return authorised(() => api.POST('/api/sessions/{id}/speakers/resume', session));
    case 'end':
      return authorised(() => api.POST('/api/sessions/{id}/speakers/end', session));
  }
}

export function giveTheFloor(sessionId: string, entryId: string): Promise<SpeakersList> {
  return authorised(() => api.POST('/api/sessions/{id}/speakers/{entryId}/start', { params: { path: { id: sessionId, entryId } } }));
}

/** Puts the waiting entries in a new order; `expected` is the queue as the chair saw it (409 STALE_ORDER when it changed since). */
export function reorderSpeakers(sessionId: string, expected: string[], order: string[]): Promise<SpeakersList> {
  return authorised(() => api.POST('/api/sessions/{id}/speakers/order', { ...summit(sessionId), body: { expected, order } }));
}

/** Gives the speech holding the floor more time. */
export function extendSpeech(sessionId: string, entryId: string, extraSeconds: number): Promise<SpeakersList> {
  return authorised(() => api.PATCH('/api/sessions/{id}/speakers/{entryId}', { params: { path: { id: sessionId, entryId } }, body: { extraSeconds } }));
}

export function withdrawSpeaker(sessionId: string, entryId: string): Promise<SpeakersList> {
  return authorised(() => api.DELETE('/api/sessions/{id}/speakers/{entryId}', { params: { path: { id: sessionId, entryId } } }));
}

export function proposeFairHours(summitId: string, body: FairnessRequest): Promise<FairnessProposal[]> {
  return authorised(() => api.POST('/api/summits/{id}/fairness', { ...summit(summitId), body }));
}

/** A personal calendar address for one summit's agenda. */
export function subscribeToCalendar(summitId: string): Promise<CalendarFeed> {
  return authorised(() => api.POST('/api/calendar-feeds', { body: { summitId } }));
}
