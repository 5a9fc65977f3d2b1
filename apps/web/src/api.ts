// The access token lives only in this module's memory; the refresh token is an
// httpOnly cookie the server sets, so a reload restores the session through
// POST /api/auth/refresh without any token reaching storage scripts can read.

import type { ChatChannel, ChatMessage, ChatMuteView } from '@plenary/chat-contract';

export type Locale = 'en' | 'fr';

/** The shortest password the server accepts. */
export const minimumPasswordLength = 12;
export type PlatformRole = 'host_admin' | 'secretariat' | 'participant';

export interface Membership {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  delegationRole: string;
}

export interface User {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole;
  locale: Locale;
  timeZone: string;
  memberships: Membership[];
}

export interface AuthResult {
  accessToken: string;
  expiresIn: number;
  user: User;
}

export interface Session {
  id: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
  userAgent: string | null;
  ipAddress: string | null;
  current: boolean;
}

export interface InvitationPreview {
  kind: 'invitation' | 'setup';
  email: string | null;
  organisationName: string | null;
  delegationRole: string | null;
  platformRole: PlatformRole;
  expiresAt: string;
  /** The invited address already has an account: accepting asks for that account's password instead of a new one. */
  accountExists?: boolean;
}

export interface ProfileChanges {
  displayName?: string;
  locale?: Locale;
  timeZone?: string;
}

export interface AcceptInvitation {
  token: string;
  displayName: string;
  password: string;
  email?: string;
}

/** An error answered by the server (`{ statusCode, code, message, details? }`), or `NETWORK` when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Structured detail a client can act on, such as the conflicts of a schedule. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let accessToken: string | null = null;
let refreshInFlight: Promise<AuthResult | null> | null = null;
const sessionLostListeners = new Set<() => void>();

/** Called when the session cannot be renewed any more, so the app can return to the sign-in page. */
export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

interface RequestOptions {
  body?: unknown;
  authenticated?: boolean;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.authenticated && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  try {
    return await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let code = 'UNKNOWN';
  let message = response.statusText;
  let details: unknown;
  if (text) {
    try {
      const body = JSON.parse(text) as { code?: unknown; message?: unknown; details?: unknown };
      if (typeof body.code === 'string') code = body.code;
      if (typeof body.message === 'string') message = body.message;
      else if (Array.isArray(body.message)) message = body.message.join(' ');
      details = body.details;
    } catch (parseError) {
      // A proxy in front of the server may answer with a page of its own; the status still tells what happened.
      if (!(parseError instanceof SyntaxError)) throw parseError;
    }
  }
  return new ApiError(response.status, code, message, details);
}

async function read<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status !== 401 || !options.authenticated) return read<T>(response);

  const error = await toApiError(response);
  // A wrong current password is also a 401; only an expired or missing access token warrants a refresh.
  if (error.code === 'INVALID_CREDENTIALS') throw error;

  const renewed = await refresh();
  if (!renewed) {
    sessionLostListeners.forEach((listener) => listener());
    throw error;
  }
  return read<T>(await send(method, path, options));
}

function refresh(): Promise<AuthResult | null> {
  // Concurrent callers in this tab share one refresh.
  refreshInFlight ??= (async () => {
    try {
      const result = await refreshInTurn();
      accessToken = result?.accessToken ?? null;
      return result;
    } finally {
      refreshInFlight = null;
    }
  })();
  return refreshInFlight;
}

/** The lock tabs take turns under to refresh, and the channel on which each tells the others what it got. */
const REFRESH_TURN = 'plenary-refresh';
const refreshes = typeof BroadcastChannel === 'function' ? new BroadcastChannel(REFRESH_TURN) : null;

/**
 * Tabs refresh one after the other, as the server replaces the refresh
 * cookie each time: a tab that waited its turn uses the access token another
 * tab obtained meanwhile, or refreshes with the cookie that tab left. Where
 * the Web Locks API is missing (pages served over plain http other than
 * localhost), the server's grace for a token presented again lets tabs
 * refreshing together share one new cookie.
 */
async function refreshInTurn(): Promise<AuthResult | null> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return exchangeRefreshCookie();
  let obtainedMeanwhile: AuthResult | null = null;
  const listen = (event: MessageEvent<AuthResult>) => {
    obtainedMeanwhile = event.data;
  };
  refreshes?.addEventListener('message', listen);
  try {
    return await locks.request(REFRESH_TURN, async () => obtainedMeanwhile ?? (await exchangeRefreshCookie()));
  } finally {
    refreshes?.removeEventListener('message', listen);
  }
}

async function exchangeRefreshCookie(): Promise<AuthResult | null> {
  try {
    const result = await read<AuthResult>(await send('POST', '/api/auth/refresh', {}));
    refreshes?.postMessage(result);
    return result;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return null;
  }
}

/** The access token of this page's session, for connections that carry it themselves such as the chat socket. */
export function currentAccessToken(): string | null {
  return accessToken;
}

/**
 * Asks for a new access token after a connection refused the current one;
 * null, with the app sent back to the sign-in page, when the session is over.
 */
export async function renewAccessToken(): Promise<string | null> {
  const renewed = await refresh();
  if (!renewed) sessionLostListeners.forEach((listener) => listener());
  return renewed?.accessToken ?? null;
}

function keep(result: AuthResult): User {
  accessToken = result.accessToken;
  return result.user;
}

/** Restores the session of a returning visitor from the refresh cookie; null when there is none. */
export async function restoreSession(): Promise<User | null> {
  const result = await refresh();
  return result?.user ?? null;
}

export async function login(email: string, password: string): Promise<User> {
  return keep(await request<AuthResult>('POST', '/api/auth/login', { body: { email, password } }));
}

export async function logout(): Promise<void> {
  await request<void>('POST', '/api/auth/logout', { authenticated: true });
  accessToken = null;
}

export function listSessions(): Promise<Session[]> {
  return request<Session[]>('GET', '/api/auth/sessions', { authenticated: true });
}

export function revokeSession(id: string): Promise<void> {
  return request<void>('DELETE', `/api/auth/sessions/${encodeURIComponent(id)}`, { authenticated: true });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('POST', '/api/auth/password', {
    authenticated: true,
    body: { currentPassword, newPassword },
  });
}

export function updateMe(changes: ProfileChanges): Promise<User> {
  return request<User>('PATCH', '/api/me', { authenticated: true, body: changes });
}

export function previewInvitation(token: string): Promise<InvitationPreview> {
  return request<InvitationPreview>('GET', `/api/invitations/preview?token=${encodeURIComponent(token)}`);
}

export async function acceptInvitation(acceptance: AcceptInvitation): Promise<User> {
  return keep(await request<AuthResult>('POST', '/api/invitations/accept', { body: acceptance }));
}

// Summits: the summits a person may see, who takes part, the agenda, speakers
// lists, fair meeting hours and calendar subscriptions. Times are ISO UTC
// instants unless a name says local.

export type SummitStatus = 'draft' | 'announced' | 'live' | 'concluded' | 'cancelled';
export type Visibility = 'public' | 'participants';
export type SummitRole = 'chair' | 'co_chair' | 'secretariat' | 'head_of_delegation' | 'delegate' | 'interpreter' | 'observer';
export type OrganisationKind = 'state' | 'international_organisation' | 'company' | 'civil_society';
export type ParticipationStatus = 'invited' | 'confirmed' | 'declined' | 'withdrawn' | 'observer';
export type SessionKind = 'plenary' | 'breakout' | 'bilateral' | 'signing_ceremony' | 'press' | 'break';
export type SessionStatus = 'scheduled' | 'postponed' | 'cancelled';
export type ScheduleChangeKind = 'rescheduled' | 'postponed' | 'cancelled' | 'reinstated';
export type SpeakerEntryKind = 'speech' | 'point_of_order';

export interface Summit {
  id: string;
  title: string;
  description: string;
  hostOrganisationId: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  status: SummitStatus;
  agendaVisibility: Visibility;
  outcomeVisibility: Visibility;
  /** The viewer's role in this summit, if one was named. */
  myRole: SummitRole | null;
  /** The viewer is on the host side: may edit the summit and run its sessions. */
  canEdit: boolean;
  /** The statuses the viewer may move the summit to now, as the server accepts them; empty off the host side. */
  nextStatuses: SummitStatus[];
}

export interface NewSummit {
  title: string;
  description?: string;
  hostOrganisationId: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  agendaVisibility?: Visibility;
}

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  name: string;
  shortName: string;
  countryCode: string | null;
}

export interface OrganisationMember {
  userId: string;
  email: string;
  displayName: string;
  delegationRole: string;
}

export interface Participant {
  organisationId: string;
  name: string;
  shortName: string;
  kind: OrganisationKind;
  countryCode: string | null;
  status: ParticipationStatus;
  /** The delegation's capital time zone. */
  timeZone: string;
  joinedAt: string | null;
}

export interface NewParticipant {
  organisationId: string;
  status?: ParticipationStatus;
  timeZone: string;
}

export interface SummitMember {
  userId: string;
  displayName: string;
  /** Shown to the summit's host side only. */
  email?: string;
  role: SummitRole;
  organisationId: string | null;
  isProxy: boolean;
}

export interface SummitMemberRole {
  role: SummitRole;
  organisationId?: string;
  isProxy?: boolean;
}

export interface SummitSession {
  id: string;
  summitId: string;
  kind: SessionKind;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  status: SessionStatus;
  sequence: number;
  chairIds: string[];
  /** Invited organisations; empty means every participant. */
  organisationIds: string[];
  documents: { title: string; url: string }[];
  videoRoomId: string;
  speakersOrder: string;
  speechSeconds: number | null;
  delegationBudgetSeconds: number | null;
}

export interface NewSession {
  kind: SessionKind;
  title: string;
  startsAt: string;
  endsAt: string;
  description?: string;
  room?: string;
  chairIds?: string[];
  organisationIds?: string[];
  /** Save despite schedule conflicts; they come back as warnings. */
  override?: boolean;
}

export type ConflictType = 'outside_summit' | 'room_overlap' | 'chair_double_booked' | 'delegation_double_booked';

/** A clash in the schedule, as the server reports it in a 409 SCHEDULE_CONFLICT and in warnings. */
export interface Conflict {
  type: ConflictType | string;
  message: string;
  sessionId?: string;
  userIds?: string[];
  organisationIds?: string[];
}

export interface SessionWrite {
  session: SummitSession;
  warnings: Conflict[];
}

export type ScheduleAction = 'reschedule' | 'postpone' | 'cancel' | 'reinstate';

export interface ScheduleChangeRequest {
  reason: string;
  startsAt?: string;
  endsAt?: string;
  override?: boolean;
}

export interface ScheduleChange {
  kind: ScheduleChangeKind;
  fromStartsAt: string;
  fromEndsAt: string;
  toStartsAt: string;
  toEndsAt: string;
  reason: string;
  changedById: string;
  createdAt: string;
}

export type AgendaSession = SummitSession & {
  /** Wall-clock start in the agenda's zone, `YYYY-MM-DDTHH:mm`. */
  localStart: string;
  localEnd: string;
};

export interface Agenda {
  timeZone: string;
  summitTimeZone: string;
  days: { date: string; sessions: AgendaSession[] }[];
}

/** `summit` (the summit's zone), `viewer` (the zone of the viewer's profile) or an IANA zone. */
export type AgendaZone = 'summit' | 'viewer' | (string & {});

export interface SpeakerEntry {
  id: string;
  organisationId: string;
  organisationName: string;
  userId: string | null;
  kind: SpeakerEntryKind;
  status: string;
  requestedAt: string;
  protocolRank: number | null;
  allottedSeconds: number | null;
  usedSeconds: number;
  startedAt: string | null;
  endedAt: string | null;
}

export interface SpeakersList {
  order: string;
  current: (SpeakerEntry & { elapsedSeconds: number; remainingSeconds: number | null }) | null;
  queue: SpeakerEntry[];
  delegations: { organisationId: string; usedSeconds: number; remainingSeconds: number | null }[];
}

export type SpeakersCommand = 'next' | 'pause' | 'resume' | 'end';

export interface FairnessRequest {
  durationMinutes: number;
  from: string;
  to: string;
}

export interface DelegationLocalTime {
  organisationId: string;
  name: string;
  timeZone: string;
  localStart: string;
  localEnd: string;
  minutesOutside: number;
}

export interface FairnessProposal {
  startsAt: string;
  endsAt: string;
  reasonableCount: number;
  totalMinutesOutside: number;
  unreasonable: DelegationLocalTime[];
  local: (DelegationLocalTime & { reasonable: boolean })[];
}

export interface CalendarFeed {
  id: string;
  /** A `webcal://` address calendar applications subscribe to. */
  url: string;
  httpUrl: string;
}

const id = encodeURIComponent;

function authenticated<T>(method: string, path: string, body?: unknown): Promise<T> {
  return request<T>(method, path, { authenticated: true, body });
}

export function listSummits(): Promise<Summit[]> {
  return authenticated('GET', '/api/summits');
}

export function createSummit(summit: NewSummit): Promise<Summit> {
  return authenticated('POST', '/api/summits', summit);
}

export function getSummit(summitId: string): Promise<Summit> {
  return authenticated('GET', `/api/summits/${id(summitId)}`);
}

export function changeSummitStatus(summitId: string, status: SummitStatus): Promise<Summit> {
  return authenticated('POST', `/api/summits/${id(summitId)}/status`, { status });
}

export function listOrganisations(): Promise<Organisation[]> {
  return authenticated('GET', '/api/organisations');
}

/** Open to host administrators and the secretariat only. */
export function listOrganisationMembers(organisationId: string): Promise<OrganisationMember[]> {
  return authenticated('GET', `/api/organisations/${id(organisationId)}/members`);
}

/** The people of an organisation taking part in a summit, as the summit's host side may list them. */
export function listDelegationPeople(summitId: string, organisationId: string): Promise<OrganisationMember[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/participants/${id(organisationId)}/people`);
}

export function listParticipants(summitId: string): Promise<Participant[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/participants`);
}

export function addParticipant(summitId: string, participant: NewParticipant): Promise<Participant> {
  return authenticated('POST', `/api/summits/${id(summitId)}/participants`, participant);
}

export function updateParticipant(summitId: string, organisationId: string, changes: { status?: ParticipationStatus }): Promise<Participant> {
  return authenticated('PATCH', `/api/summits/${id(summitId)}/participants/${id(organisationId)}`, changes);
}

/** A person taking part in a summit: named in it, or a member of a participating delegation. */
export interface SummitPerson {
  userId: string;
  displayName: string;
  /** The participating organisations the person belongs to. */
  organisationIds: string[];
  /** Their per-summit role, if named. */
  role: SummitRole | null;
}

/** Everyone taking part in a summit, readable by any participant: whom one may write to or mention in its chat. */
export function listSummitPeople(summitId: string): Promise<SummitPerson[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/people`);
}

export function listSummitMembers(summitId: string): Promise<SummitMember[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/members`);
}

export function setSummitMember(summitId: string, userId: string, role: SummitMemberRole): Promise<SummitMember> {
  return authenticated('PUT', `/api/summits/${id(summitId)}/members/${id(userId)}`, role);
}

export function removeSummitMember(summitId: string, userId: string): Promise<void> {
  return authenticated('DELETE', `/api/summits/${id(summitId)}/members/${id(userId)}`);
}

export function getAgenda(summitId: string, zone: AgendaZone): Promise<Agenda> {
  return authenticated('GET', `/api/summits/${id(summitId)}/agenda?zone=${id(zone)}`);
}

export function createSession(summitId: string, session: NewSession): Promise<SessionWrite> {
  return authenticated('POST', `/api/summits/${id(summitId)}/sessions`, session);
}

export function getSession(sessionId: string): Promise<SummitSession> {
  return authenticated('GET', `/api/sessions/${id(sessionId)}`);
}

export function getSessionHistory(sessionId: string): Promise<ScheduleChange[]> {
  return authenticated('GET', `/api/sessions/${id(sessionId)}/history`);
}

export function changeSchedule(sessionId: string, action: ScheduleAction, change: ScheduleChangeRequest): Promise<SessionWrite> {
  return authenticated('POST', `/api/sessions/${id(sessionId)}/${action}`, change);
}

export function getSpeakersList(sessionId: string): Promise<SpeakersList> {
  return authenticated('GET', `/api/sessions/${id(sessionId)}/speakers`);
}

export function askForTheFloor(sessionId: string, organisationId: string, kind: SpeakerEntryKind): Promise<SpeakersList> {
  return authenticated('POST', `/api/sessions/${id(sessionId)}/speakers`, { organisationId, kind });
}

export function runSpeakersList(sessionId: string, command: SpeakersCommand): Promise<SpeakersList> {
  return authenticated('POST', `/api/sessions/${id(sessionId)}/speakers/${command}`);
}

export function giveTheFloor(sessionId: string, entryId: string): Promise<SpeakersList> {
  return authenticated('POST', `/api/sessions/${id(sessionId)}/speakers/${id(entryId)}/start`);
}

export function withdrawSpeaker(sessionId: string, entryId: string): Promise<SpeakersList> {
  return authenticated('DELETE', `/api/sessions/${id(sessionId)}/speakers/${id(entryId)}`);
}

export function proposeFairHours(summitId: string, fairness: FairnessRequest): Promise<FairnessProposal[]> {
  return authenticated('POST', `/api/summits/${id(summitId)}/fairness`, fairness);
}

/** A personal calendar address for one summit's agenda. */
export function subscribeToCalendar(summitId: string): Promise<CalendarFeed> {
  return authenticated('POST', '/api/calendar-feeds', { summitId });
}

// Chat: the channels of a summit and their messages. Messages travel over the
// `/chat` socket (see chat/chat.socket.ts); these are the REST routes around it.

// One definition with the server: the `/chat` namespace's contract (libs/chat/src/chat-events.ts).
export type { ChatChannel, ChatChannelKind, ChatMessage, ChatMuteView } from '@plenary/chat-contract';

/** The longest message the server stores. */
export const messageMaxLength = 4000;

/** The lobby, the sessions the caller may see, their own delegation's channel and their direct conversations, with unread counts. */
export function listChannels(summitId: string): Promise<ChatChannel[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/channels`);
}

/** The direct conversation with another person of the summit, created on first use. */
export function openDirectChannel(summitId: string, userId: string): Promise<ChatChannel> {
  return authenticated('POST', `/api/summits/${id(summitId)}/channels/direct`, { userId });
}

/** The pinned messages of a channel, in sequence order. */
export function listPins(channelId: string): Promise<ChatMessage[]> {
  return authenticated('GET', `/api/channels/${id(channelId)}/pins`);
}

/** Stops a person from posting in the summit's chat for some minutes; for the host side. */
export function muteInChat(summitId: string, userId: string, minutes: number): Promise<void> {
  return authenticated('PUT', `/api/summits/${id(summitId)}/chat-mutes`, { userId, minutes });
}

/** The mutes in force in a summit's chat; for the host side. */
export function listChatMutes(summitId: string): Promise<ChatMuteView[]> {
  return authenticated('GET', `/api/summits/${id(summitId)}/chat-mutes`);
}

/** Lets a muted person post in the summit's chat again; for the host side. */
export function unmuteInChat(summitId: string, userId: string): Promise<void> {
  return authenticated('DELETE', `/api/summits/${id(summitId)}/chat-mutes/${id(userId)}`);
}
