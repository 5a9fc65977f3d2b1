import { queryOptions } from '@tanstack/react-query';
import {
  getAgenda,
  getSession,
  getSessionHistory,
  getSummit,
  listChatMutes,
  listDelegationPeople,
  listOrganisationMembers,
  listOpenSummitInvitations,
  listSummitDelegations,
  listOrganisations,
  listSessions,
  listParticipants,
  listSummitMembers,
  listSummitPeople,
  listSummits,
  type AgendaZone,
  type DelegationPerson,
  type Session,
} from '../api';
import { queryKeys } from './query-keys';

// What each page reads, by key: pages call useQuery(summitQuery(id)) and
// mutations invalidate the keys they change.

/** This device first, then the most recently used. */
export const devicesQuery = () => queryOptions({ queryKey: queryKeys.devices(), queryFn: async () => (await listSessions()).sort(byRelevance) });

function byRelevance(a: Session, b: Session): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return (b.lastUsedAt ?? b.createdAt).localeCompare(a.lastUsedAt ?? a.createdAt);
}

export const summitsQuery = () => queryOptions({ queryKey: queryKeys.summits(), queryFn: listSummits });
export const summitQuery = (summitId: string) => queryOptions({ queryKey: queryKeys.summit(summitId), queryFn: () => getSummit(summitId) });
export const participantsQuery = (summitId: string) => queryOptions({ queryKey: queryKeys.participants(summitId), queryFn: () => listParticipants(summitId) });
export const membersQuery = (summitId: string) => queryOptions({ queryKey: queryKeys.members(summitId), queryFn: () => listSummitMembers(summitId) });
export const delegationsQuery = (summitId: string) =>
  queryOptions({ queryKey: queryKeys.delegations(summitId), queryFn: () => listSummitDelegations(summitId) });
export const invitationsQuery = (summitId: string) =>
  queryOptions({ queryKey: queryKeys.invitations(summitId), queryFn: () => listOpenSummitInvitations(summitId) });
export const peopleQuery = (summitId: string) => queryOptions({ queryKey: queryKeys.people(summitId), queryFn: () => listSummitPeople(summitId) });
export const agendaQuery = (summitId: string, zone: AgendaZone) => queryOptions({ queryKey: queryKeys.agenda(summitId, zone), queryFn: () => getAgenda(summitId, zone) });
export const chatMutesQuery = (summitId: string) => queryOptions({ queryKey: queryKeys.chatMutes(summitId), queryFn: () => listChatMutes(summitId) });
export const organisationsQuery = () => queryOptions({ queryKey: queryKeys.organisations(), queryFn: listOrganisations });
export const sessionQuery = (sessionId: string) => queryOptions({ queryKey: queryKeys.session(sessionId), queryFn: () => getSession(sessionId) });
export const sessionHistoryQuery = (sessionId: string) => queryOptions({ queryKey: queryKeys.sessionHistory(sessionId), queryFn: () => getSessionHistory(sessionId) });

/** The people of one organisation: a summit's host side may list those of a participating delegation, the platform's officers any organisation's. */
export const organisationPeopleQuery = (summitId: string, organisationId: string, participating: boolean) =>
  queryOptions<DelegationPerson[]>({
    queryKey: participating ? queryKeys.delegationPeople(summitId, organisationId) : queryKeys.organisationMembers(organisationId),
    queryFn: () => (participating ? listDelegationPeople(summitId, organisationId) : listOrganisationMembers(organisationId)),
  });
