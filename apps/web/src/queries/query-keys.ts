import type { AgendaZone } from '../api';

/**
 * One key per resource the server serves, nested as the resources are: a
 * summit's key is the prefix of its agenda's, participants' and members'
 * keys, so invalidating the summit asks again for all it holds.
 */
export const queryKeys = {
  /** The signed-in person's sessions on their devices. */
  devices: () => ['me', 'sessions'] as const,
  summits: () => ['summits', 'list'] as const,
  summit: (summitId: string) => ['summit', summitId] as const,
  participants: (summitId: string) => ['summit', summitId, 'participants'] as const,
  members: (summitId: string) => ['summit', summitId, 'members'] as const,
  people: (summitId: string) => ['summit', summitId, 'people'] as const,
  /** The people by delegation: changes with members, participants and accepted invitations. */
  delegations: (summitId: string) => ['summit', summitId, 'delegations'] as const,
  /** The invitations not accepted yet. */
  invitations: (summitId: string) => ['summit', summitId, 'invitations'] as const,
  delegationPeople: (summitId: string, organisationId: string) => ['summit', summitId, 'delegation-people', organisationId] as const,
  agenda: (summitId: string, zone?: AgendaZone) => (zone === undefined ? (['summit', summitId, 'agenda'] as const) : (['summit', summitId, 'agenda', zone] as const)),
  chatMutes: (summitId: string) => ['summit', summitId, 'chat-mutes'] as const,
  organisations: () => ['organisations'] as const,
  organisationMembers: (organisationId: string) => ['organisations', organisationId, 'members'] as const,
  session: (sessionId: string) => ['session', sessionId] as const,
  sessionHistory: (sessionId: string) => ['session', sessionId, 'history'] as const,
  speakersList: (sessionId: string) => ['session', sessionId, 'speakers'] as const,
};
