// The speakers list of one session, as the chair runs it: who asked for the
// floor, in which order they speak, who holds the floor now and how much
// speaking time each speaker and each delegation has used. Pure functions over
// plain entries, so the service loads a session's entries, applies one
// operation and saves only the entries it returns.

export type SpeakerEntryKind = 'speech' | 'point_of_order';
export type SpeakerEntryStatus = 'waiting' | 'speaking' | 'paused' | 'done' | 'withdrawn';
export type SpeakersOrder = 'protocol' | 'request_time';

export interface SpeakerEntry {
  id: string;
  organisationId: string;
  userId: string | null;
  kind: SpeakerEntryKind;
  status: SpeakerEntryStatus;
  requestedAt: Date;
  /** Lower speaks first (heads of state before ministers, …); null ranks after every number. */
  protocolRank: number | null;
  /** Speaking-time budget of this speech; null = unlimited. */
  allottedSeconds: number | null;
  /** Time spoken before the current run. */
  usedSeconds: number;
  /** Set while status === 'speaking'. */
  runningSince: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

export interface SpeakersPolicy {
  order: SpeakersOrder;
  /** Total speaking time of each delegation in the session; null = unlimited. */
  delegationBudgetSeconds: number | null;
}

export type SpeakersListErrorCode = 'NOT_WAITING' | 'ALREADY_SPEAKING' | 'NOT_SPEAKING' | 'NOT_PAUSED' | 'DELEGATION_BUDGET_EXHAUSTED' | 'NOT_FOUND';

export class SpeakersListError extends Error {
  constructor(
    readonly code: SpeakersListErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SpeakersListError';
  }
}

export type CurrentSpeaker = SpeakerEntry & { elapsedSeconds: number; remainingSeconds: number | null };

export interface DelegationSpeakingTime {
  organisationId: string;
  usedSeconds: number;
  /** Budget minus used; negative when a running speech overruns it; null when unlimited. */
  remainingSeconds: number | null;
}

export interface SpeakersListSummary {
  current: CurrentSpeaker | null;
  queue: SpeakerEntry[];
  delegations: DelegationSpeakingTime[];
}

function byRequestTime(a: SpeakerEntry, b: SpeakerEntry): number {
  return a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function byProtocolRank(a: SpeakerEntry, b: SpeakerEntry): number {
  if (a.protocolRank === b.protocolRank) return 0;
  if (a.protocolRank === null) return 1;
  if (b.protocolRank === null) return -1;
  return a.protocolRank - b.protocolRank;
}

/** Waiting entries in speaking order: points of order first, then speeches by the session's order. */
export function queue(entries: SpeakerEntry[], policy: SpeakersPolicy): SpeakerEntry[] {
  const waiting = entries.filter((entry) => entry.status === 'waiting');
  const pointsOfOrder = waiting.filter((entry) => entry.kind === 'point_of_order').sort(byRequestTime);
  const speeches = waiting
    .filter((entry) => entry.kind === 'speech')
    .sort((a, b) => (policy.order === 'protocol' ? byProtocolRank(a, b) : 0) || byRequestTime(a, b));
  return [...pointsOfOrder, ...speeches];
}

/**
 * Paused entries in the order they get the floor back: a paused point of order
 * before the speech it interrupted, then the most recently started.
 */
function pausedInResumeOrder(entries: SpeakerEntry[]): SpeakerEntry[] {
  const kindRank = (entry: SpeakerEntry) => (entry.kind === 'point_of_order' ? 0 : 1);
  return entries
    .filter((entry) => entry.status === 'paused')
    .sort((a, b) => kindRank(a) - kindRank(b) || (b.startedAt?.getTime() ?? 0) - (a.startedAt?.getTime() ?? 0) || byRequestTime(a, b));
}

/**
 * The entry holding the floor: the one speaking, else the paused one that
 * would resume. While a point of order runs, the speech it interrupted waits
 * paused behind it, so speaking takes precedence.
 */
export function current(entries: SpeakerEntry[]): SpeakerEntry | null {
  return entries.find((entry) => entry.status === 'speaking') ?? pausedInResumeOrder(entries)[0] ?? null;
}

/** Time spoken so far, in whole seconds, including the run in progress. */
export function elapsedSeconds(entry: SpeakerEntry, now: Date): number {
  if (entry.status !== 'speaking' || !entry.runningSince) return entry.usedSeconds;
  return entry.usedSeconds + Math.max(0, Math.floor((now.getTime() - entry.runningSince.getTime()) / 1000));
}

/** Allotted minus elapsed; negative when the speaker overruns; null when unlimited. */
export function remainingSeconds(entry: SpeakerEntry, now: Date): number | null {
  return entry.allottedSeconds === null ? null : entry.allottedSeconds - elapsedSeconds(entry, now);
}

/**
 * Speaking time a delegation has used in the session. Only speeches count:
 * points of order are procedural and never spend the delegation's budget.
 */
export function delegationUsedSeconds(entries: SpeakerEntry[], organisationId: string, now: Date): number {
  return entries
    .filter((entry) => entry.organisationId === organisationId && entry.kind === 'speech')
    .reduce((total, entry) => total + elapsedSeconds(entry, now), 0);
}

function budgetExhausted(entries: SpeakerEntry[], entry: SpeakerEntry, policy: SpeakersPolicy, now: Date): boolean {
  if (entry.kind !== 'speech' || policy.delegationBudgetSeconds === null) return false;
  return delegationUsedSeconds(entries, entry.organisationId, now) >= policy.delegationBudgetSeconds;
}

function find(entries: SpeakerEntry[], id: string): SpeakerEntry {
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) throw new SpeakersListError('NOT_FOUND', `No entry ${id} on this speakers list`);
  return entry;
}

function begun(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'speaking', runningSince: now, startedAt: entry.startedAt ?? now, endedAt: null };
}

function paused(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'paused', usedSeconds: elapsedSeconds(entry, now), runningSince: null };
}

function resumed(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'speaking', runningSince: now };
}

function ended(entry: SpeakerEntry, now: Date): SpeakerEntry {
  return { ...entry, status: 'done', usedSeconds: elapsedSeconds(entry, now), runningSince: null, endedAt: now };
}

/** The entries as they stand after the changed ones replace their originals. */
function applied(entries: SpeakerEntry[], changed: SpeakerEntry[]): SpeakerEntry[] {
  const byId = new Map(changed.map((entry) => [entry.id, entry]));
  return entries.map((entry) => byId.get(entry.id) ?? entry);
}

/**
 * Gives the floor to a waiting entry. A speech ends whoever is speaking or
 * paused. A point of order interrupts: a running speech is paused so it can
 * resume afterwards, a running point of order is ended, and paused entries
 * stay paused. Returns only the changed entries.
 */
export function start(entries: SpeakerEntry[], id: string, policy: SpeakersPolicy, now: Date): SpeakerEntry[] {
  const entry = find(entries, id);
  if (entry.status !== 'waiting') throw new SpeakersListError('NOT_WAITING', `Entry ${id} is not waiting for the floor`);
  if (budgetExhausted(entries, entry, policy, now)) {
    throw new SpeakersListError('DELEGATION_BUDGET_EXHAUSTED', `Delegation ${entry.organisationId} has used its speaking time for this session`);
  }

  const displaced = entries.flatMap((other): SpeakerEntry[] => {
    if (other.status !== 'speaking' && other.status !== 'paused') return [];
    if (entry.kind === 'speech') return [ended(other, now)];
    if (other.status === 'paused') return [];
    return [other.kind === 'speech' ? paused(other, now) : ended(other, now)];
  });
  return [...displaced, begun(entry, now)];
}

/**
 * Ends whoever holds the floor and gives it to the next speaker: first a
 * speech that a point of order interrupted, else the head of the queue.
 * Speeches of delegations with no time left are passed over and stay waiting,
 * so the chair can still withdraw them. Returns only the changed entries.
 */
export function next(entries: SpeakerEntry[], policy: SpeakersPolicy, now: Date): SpeakerEntry[] {
  const holder = current(entries);
  const closed = holder ? [ended(holder, now)] : [];
  const after = applied(entries, closed);

  const interrupted = pausedInResumeOrder(after)[0];
  if (interrupted) return [...closed, resumed(interrupted, now)];

  const head = queue(after, policy).find((entry) => !budgetExhausted(after, entry, policy, now));
  return head ? [...closed, begun(head, now)] : closed;
}

/** Stops the clock of the entry speaking; the time spoken so far is kept. */
export function pause(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const speaking = entries.find((entry) => entry.status === 'speaking');
  if (!speaking) throw new SpeakersListError('NOT_SPEAKING', 'Nobody is speaking');
  return [paused(speaking, now)];
}

/** Restarts the clock of the paused entry; refused while someone else speaks. */
export function resume(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const speaking = entries.find((entry) => entry.status === 'speaking');
  if (speaking) throw new SpeakersListError('ALREADY_SPEAKING', `Entry ${speaking.id} is speaking`);
  const held = pausedInResumeOrder(entries)[0];
  if (!held) throw new SpeakersListError('NOT_PAUSED', 'No speech is paused');
  return [resumed(held, now)];
}

/**
 * Ends the entry holding the floor, recording the time it used. A speech
 * interrupted by that entry stays paused until resumed or `next`.
 */
export function end(entries: SpeakerEntry[], now: Date): SpeakerEntry[] {
  const holder = current(entries);
  if (!holder) throw new SpeakersListError('NOT_SPEAKING', 'Nobody holds the floor');
  return [ended(holder, now)];
}

/** Takes a waiting entry off the list; endedAt records when it left. */
export function withdraw(entries: SpeakerEntry[], id: string, now: Date): SpeakerEntry[] {
  const entry = find(entries, id);
  if (entry.status !== 'waiting') throw new SpeakersListError('NOT_WAITING', `Entry ${id} is not waiting for the floor`);
  return [{ ...entry, status: 'withdrawn', endedAt: now }];
}

/**
 * What the chair's screen shows: the entry holding the floor with its clock,
 * the queue, and the time of every delegation on the list, in the order they
 * first asked for the floor.
 */
export function summary(entries: SpeakerEntry[], policy: SpeakersPolicy, now: Date): SpeakersListSummary {
  const holder = current(entries);
  const organisationIds = [...new Set([...entries].sort(byRequestTime).map((entry) => entry.organisationId))];
  return {
    current: holder ? { ...holder, elapsedSeconds: elapsedSeconds(holder, now), remainingSeconds: remainingSeconds(holder, now) } : null,
    queue: queue(entries, policy),
    delegations: organisationIds.map((organisationId) => {
      const usedSeconds = delegationUsedSeconds(entries, organisationId, now);
      const budget = policy.delegationBudgetSeconds;
      return { organisationId, usedSeconds, remainingSeconds: budget === null ? null : budget - usedSeconds };
    }),
  };
}
