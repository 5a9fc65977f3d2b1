// The web client's names for what the server sends and accepts, all taken
// from the generated OpenAPI types (schema.d.ts, `npm run api:types`).

import type { components } from './schema';

type Schemas = components['schemas'];

export type User = Schemas['UserDto'];
export type Membership = Schemas['MembershipSummaryDto'];
export type Locale = User['locale'];
export type PlatformRole = User['platformRole'];
export type Session = Schemas['AuthSessionDto'];
export type InvitationPreview = Schemas['InvitationPreviewDto'];
export type ProfileChanges = Schemas['UpdateProfileDto'];
export type AcceptInvitation = Schemas['AcceptInvitationDto'];

// Summits. Times are ISO UTC instants unless a name says local.
export type Summit = Schemas['SummitDto'];
export type NewSummit = Schemas['CreateSummitDto'];
export type SummitStatus = Summit['status'];
export type Visibility = Summit['agendaVisibility'];
export type SummitRole = Schemas['SummitMemberDto']['role'];
export type Organisation = Schemas['OrganisationDto'];
export type OrganisationKind = Organisation['kind'];
export type OrganisationMember = Schemas['MemberDto'];
export type DelegationPerson = Schemas['OrganisationPersonDto'];
export type Participant = Schemas['ParticipantDto'];
export type ParticipationStatus = Participant['status'];
export type NewParticipant = Schemas['AddParticipantDto'];
export type ParticipantChanges = Schemas['UpdateParticipantDto'];
export type SummitMember = Schemas['SummitMemberDto'];
export type SummitMemberRole = Schemas['SetSummitMemberDto'];
/** The summit's people grouped by delegation, as `GET /api/summits/:id/delegations` answers. */
export type SummitDelegations = Schemas['DelegationsDto'];
export type DelegationGroup = Schemas['DelegationGroupDto'];
export type DelegationGroupPerson = Schemas['DelegationPersonDto'];
export type SummitInvitation = Schemas['SummitInvitationDto'];
export type InvitationSummitRole = NonNullable<SummitInvitation['summitRole']>;
export type NewSummitInvitations = Schemas['BulkSummitInvitationDto'];
/** What became of each address of a pasted list. */
export type InvitationListResult = Schemas['InvitationListResultDto'];
export type InvitationListOutcome = Schemas['InvitationListLineDto']['outcome'];
/** A person taking part in a summit: named in it, or a member of a participating delegation. */
export type SummitPerson = Schemas['SummitPersonDto'];

export type SummitSession = Schemas['SessionDto'];
export type SessionKind = SummitSession['kind'];
export type SessionStatus = SummitSession['status'];
export type NewSession = Schemas['CreateSessionDto'];
/** A clash in the schedule, as the server reports it in a 409 SCHEDULE_CONFLICT and in warnings. */
export type Conflict = Schemas['ConflictDto'];
export type ConflictType = Conflict['type'];
export type SessionWrite = Schemas['SessionWriteDto'];
export type ScheduleAction = 'reschedule' | 'postpone' | 'cancel' | 'reinstate';
/** The reason of a schedule change, with the new times of a rescheduling. */
export type ScheduleChangeRequest = Schemas['StatusChangeDto'] & Partial<Omit<Schemas['RescheduleDto'], keyof Schemas['StatusChangeDto']>>;
export type ScheduleChange = Schemas['ScheduleChangeDto'];
export type ScheduleChangeKind = ScheduleChange['kind'];
export type Agenda = Schemas['AgendaDto'];
export type AgendaSession = Schemas['AgendaSessionDto'];
/** `summit` (the summit's zone), `viewer` (the zone of the viewer's profile) or an IANA zone. */
export type AgendaZone = 'summit' | 'viewer' | (string & {});

export type SpeakerEntry = Schemas['SpeakerEntryDto'];
export type SpeakerEntryKind = SpeakerEntry['kind'];
export type SpeakersList = Schemas['SpeakersListDto'];
export type SpeakersCommand = 'next' | 'pause' | 'resume' | 'end';

export type FairnessRequest = Schemas['FairnessQueryDto'];
export type FairnessProposal = Schemas['SlotProposalDto'];
export type DelegationLocalTime = Schemas['DelegationLocalTimeDto'];
export type CalendarFeed = Schemas['IssuedCalendarFeedDto'];

// One definition with the server: the `/chat` namespace's contract (libs/chat/src/contracts/chat-events.ts).
export type { ChatChannel, ChatChannelKind, ChatMessage, ChatMuteView } from '@plenary/chat-contract';
